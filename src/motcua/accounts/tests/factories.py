import factory
from django_otp.plugins.otp_totp.models import TOTPDevice

from motcua.accounts.choices import AccountKind
from motcua.accounts.models import User

PASSWORD = "Mật-khẩu-đủ-dài-2025"


class UserFactory(factory.django.DjangoModelFactory[User]):
    class Meta:
        model = User

    username = factory.Sequence(lambda number: f"user{number}")
    full_name = "Nguyễn Văn An"
    kind = AccountKind.CITIZEN
    password = factory.django.Password(PASSWORD)

    class Params:
        staff = factory.Trait(kind=AccountKind.STAFF, full_name="Trần Thị Bình")
        administrator = factory.Trait(kind=AccountKind.STAFF, is_staff=True, is_superuser=True)


class TOTPDeviceFactory(factory.django.DjangoModelFactory[TOTPDevice]):
    class Meta:
        model = TOTPDevice

    user = factory.SubFactory(UserFactory, staff=True)
    name = "authenticator app"
    confirmed = True
