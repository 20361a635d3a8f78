"""
The editors' desk's logins under django-axes (settings ``AXES_*``): who a client is (the same
address the API's rate limits count by), the login form, and the page a locked-out login gets.
"""

import ipaddress

from axes.helpers import get_client_username
from django.conf import settings
from django.contrib.admin.forms import AdminAuthenticationForm
from django.core.exceptions import ValidationError
from django.shortcuts import render


def client_address(request):
    """
    The address the request came from: the connection's own, or with ``TRUSTED_PROXIES`` proxies
    in front, the one the outermost trusted proxy saw (what a client wrote into X-Forwarded-For
    before it is not trusted). What a proxy wrote that is no address (a port, a name) is not used.
    """
    proxies = settings.TRUSTED_PROXIES
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if proxies and forwarded:
        addresses = [address.strip() for address in forwarded.split(",")]
        address = ip_address_in(addresses[-min(proxies, len(addresses))])
        if address is not None:
            return address
    return request.META.get("REMOTE_ADDR")


def ip_address_in(text):
    """The IP address ``text`` names ("1.2.3.4", "1.2.3.4:5555", "[2001:db8::1]:443"), or None."""
    candidates = [text]
    if text.startswith("["):  # [IPv6]:port
        candidates.append(text[1:].split("]", 1)[0])
    elif text.count(":") == 1:  # IPv4:port
        candidates.append(text.split(":", 1)[0])
    for candidate in candidates:
        try:
            return str(ipaddress.ip_address(candidate))
        except ValueError:
            continue
    return None


class LoginForm(AdminAuthenticationForm):
    """
    The desk's login form. A username longer than any user's is refused before the login is
    tried: django-axes records each failure with its username, in a column of 255 characters
    that PostgreSQL will not overflow.
    """

    def clean_username(self):
        username = self.cleaned_data["username"]
        limit = self.fields["username"].max_length
        if len(username) > limit:
            raise ValidationError(f"A username has at most {limit} characters; this one has {len(username)}.")
        return username


def locked_out(request, original_response=None, credentials=None):
    """429, and how long the refusal lasts, in minutes (django-axes' ``AXES_LOCKOUT_CALLABLE``)."""
    context = {
        "failures": settings.AXES_FAILURE_LIMIT,
        "username": get_client_username(request, credentials) or "",
        "minutes": round(settings.AXES_COOLOFF_TIME.total_seconds() / 60),
    }
    return render(request, "admin/locked_out.html", context, status=429)
