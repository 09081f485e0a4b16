from django.conf import settings
from django.http import HttpRequest


def deployment(request: HttpRequest) -> dict[str, object]:
    """Values every page may show: the deployment's public address and province code."""
    return {"PUBLIC_BASE_URL": settings.PUBLIC_BASE_URL, "PROVINCE_CODE": settings.PROVINCE_CODE}
