"""Account management for the beheerder: users and their roles, nothing more."""

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.models import User


class RoleUserAdmin(UserAdmin):
    """A beheerder manages accounts and roles but cannot make anyone superuser, hand out
    single permissions outside the roles, or change their own roles."""

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if not request.user.is_superuser:
            fields += ["is_superuser", "user_permissions"]
            if obj is not None and obj.pk == request.user.pk:
                fields += ["groups", "is_staff", "is_active"]
        return fields


admin.site.unregister(User)
admin.site.register(User, RoleUserAdmin)
