"""Account management for the beheerder: users and their roles, nothing more."""

from django import forms
from django.contrib import admin
from django.contrib.auth.admin import GroupAdmin, UserAdmin
from django.contrib.auth.models import Group, User

from signals.guard.forms import GuardedFormMixin


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


class GuardedGroupForm(GuardedFormMixin, forms.ModelForm):
    """A role's name is read by everyone who manages accounts: the personal-data guard checks it.
    (A user's own names are account data, kept on purpose: tests/test_guarded_fields.py exempts them.)"""

    guarded_fields = ("name",)

    class Meta:
        model = Group
        fields = ["name", "permissions"]


class GuardedGroupAdmin(GroupAdmin):
    form = GuardedGroupForm


admin.site.unregister(Group)
admin.site.register(Group, GuardedGroupAdmin)
