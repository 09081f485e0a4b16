import factory
from django_otp.plugins.otp_totp.models import TOTPDevice

from motcua.accounts.choices import AccountKind
from motcua.accounts.models import User
from motcua.core.clock import now

PASSWORD = "Mật-khẩu-đủ-dài-2025"


class UserFactory(factory.django.DjangoModelFactory[User]):
    class Meta:
        model = User

    username = factory.Sequence(lambda number: f"user{number}")
    full_name = "Nguyễn Văn An"
    kind = AccountKind.CITIZEN
    password = factory.django.Password(PASSWORD)
    # Citizens sign in once a contact is proved; most tests start after that.
    email = factory.LazyAttribute(lambda user: f"{user.username}@example.vn")
    email_verified_at = factory.LazyFunction(now)

    class Params:
        unverified = factory.Trait(email_verified_at=None)
        staff = factory.Trait(kind=AccountKind.STAFF, full_name="Trần Thị Bình")
        administrator = factory.Trait(kind=AccountKind.STAFF, is_staff=True, is_superuser=True)


class TOTPDeviceFactory(factory.django.DjangoModelFactory[TOTPDevice]):
    class Meta:
        model = TOTPDevice

    user = factory.SubFactory(UserFactory, staff=True)
    name = "authenticator app"
    confirmed = True
