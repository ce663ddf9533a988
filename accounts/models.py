"""The custom user model: learners belong to at most one cooperative."""

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _


class User(AbstractUser):
    ROLE_STAF = "staf"
    ROLE_PENGURUS = "pengurus"
    ROLE_CHOICES = [(ROLE_STAF, _("Staf")), (ROLE_PENGURUS, _("Pengurus"))]

    # Many cooperative staff have no email address: log in by username or phone.
    phone = models.CharField(
        _("nomor HP"),
        max_length=20,
        unique=True,
        null=True,
        blank=True,
        help_text=_("Nomor HP dalam bentuk 08… atau +62…; bisa dipakai untuk masuk."),
    )
    cooperative = models.ForeignKey(
        "cooperatives.Cooperative",
        verbose_name=_("koperasi"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="members",
    )
    cooperative_role = models.CharField(_("peran di koperasi"), max_length=10, choices=ROLE_CHOICES, blank=True)
    # Changes whenever something the learner's own pages show changes (enrolments, lessons
    # done, quiz attempts): their cached pages are keyed by it (base.pagecache). Raised in
    # the database by base.pagecache.learner_changed, never written by an ordinary save.
    progress_version = models.PositiveBigIntegerField(_("versi kemajuan"), default=0, editable=False)

    class Meta(AbstractUser.Meta):
        verbose_name = _("pengguna")
        verbose_name_plural = _("pengguna")
        # Asked by the code as user.has_perm("app.codename"); roles get them in accounts.roles.
        permissions = [
            ("reset_cooperative_password", "Membuat kata sandi sementara bagi akun koperasi mana pun"),
            ("import_participants", "Mengimpor peserta (akun staf dan pengurus koperasi)"),
        ]
        constraints = [
            # A role makes sense only together with a cooperative, and vice versa.
            models.CheckConstraint(
                condition=(
                    models.Q(cooperative__isnull=True, cooperative_role="")
                    | models.Q(cooperative__isnull=False, cooperative_role__in=["staf", "pengurus"])
                ),
                name="user_cooperative_role_consistent",
                violation_error_message=_(
                    "Peran di koperasi (staf atau pengurus) diisi bila pengguna punya koperasi, dan dikosongkan bila tidak."
                ),
            ),
            # Login ignores case ("Staf" is "staf"), so two accounts may not differ only in case.
            models.UniqueConstraint(
                Lower("username"),
                name="user_username_unique_ignoring_case",
                violation_error_message=_("Nama pengguna ini sudah dipakai (huruf besar-kecil tidak dibedakan)."),
            ),
        ]

    def __str__(self):
        return self.get_full_name() or self.username

    def save(self, *args, **kwargs):
        """A full save of a loaded user never writes ``progress_version`` back: a request that
        loaded the user before the learner finished a lesson must not undo the raise."""
        if kwargs.get("update_fields") is None and not self._state.adding and not kwargs.get("force_insert"):
            deferred = self.get_deferred_fields()
            kwargs["update_fields"] = [
                field.name
                for field in self._meta.concrete_fields
                if not field.primary_key and field.name != "progress_version" and field.attname not in deferred
            ]
        super().save(*args, **kwargs)

    @property
    def is_pengurus(self):
        return self.cooperative_id is not None and self.cooperative_role == self.ROLE_PENGURUS

    @property
    def is_staf(self):
        return self.cooperative_id is not None and self.cooperative_role == self.ROLE_STAF
