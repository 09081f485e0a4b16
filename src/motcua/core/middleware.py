"""Language selection: pages are Vietnamese unless the visitor picks English in the header."""

from django.conf import settings
from django.http import HttpRequest
from django.middleware.locale import LocaleMiddleware
from django.utils import translation


class VietnameseFirstLocaleMiddleware(LocaleMiddleware):
    """Pages ignore the browser's Accept-Language; the API honours it.

    Many phones in Vietnam run an English system language while their owners read Vietnamese,
    so a page changes language only when the visitor chooses (the language cookie). API clients
    are programs that ask for the language of their messages explicitly.
    """

    def process_request(self, request: HttpRequest) -> None:
        if request.path.startswith("/api/"):
            super().process_request(request)
            return
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
        language = chosen if chosen in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()
