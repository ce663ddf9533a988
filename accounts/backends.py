"""Log in with a username or a phone number (nomor HP) and a password."""

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend

from .phone import normalize_phone


class UsernameOrPhoneBackend(ModelBackend):
    def authenticate(self, request, username=None, password=None, **kwargs):
        if username is None:
            username = kwargs.get(get_user_model().USERNAME_FIELD)
        if not username or password is None:
            return None
        User = get_user_model()
        identifier = username.strip()
        user = User.objects.filter(username__iexact=identifier).first()
        if user is None:
            phone = normalize_phone(identifier)
            if phone:
                user = User.objects.filter(phone=phone).first()
        if user is None:
            # Run the hasher anyway so timing does not tell whether the account exists.
            User().set_password(password)
            return None
        if user.check_password(password) and self.user_can_authenticate(user):
            return user
        return None
