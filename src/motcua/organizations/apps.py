from django.apps import AppConfig


class OrganizationsConfig(AppConfig):
    name = "motcua.organizations"
    label = "organizations"
