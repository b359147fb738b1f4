"""What a release build refuses, so that the published site never says more than is true.

The default build is a preview: it builds whatever it can and every page says it is a preview.
A release build (``SAFETYSITE_RELEASE=1``) stops, listing each problem as ``file:line: [release]
...``, when:

- a published number or address has not been verified against its live source (rung, texted or
  opened: ``verified``, ``verified_how`` and ``verified_by`` in the contacts file), or was last
  verified more than six months ago;
- the site's address is a loopback or example address (posters and printed pages would send
  readers nowhere);
- a catalogue has a check error, or, in a language no qualified translator has signed off, two
  phone numbers in another order than in the English (often right, but it could say "call 101 in
  an emergency": a reviewer must read it).
"""

from __future__ import annotations

import ipaddress
import os
import re
from collections.abc import Mapping
from datetime import date, timedelta
from urllib.parse import urlsplit

from safetysite.catalog import Problem
from safetysite.contacts import PLACEHOLDER, Contact
from safetysite.review import PRIVATE
from safetysite.site import Site, config_line

__all__ = ["MAX_AGE", "SWITCH", "is_release", "refusals", "release_problems"]

#: The environment variable that makes a build a release build.
SWITCH = "SAFETYSITE_RELEASE"
#: How old a live verification may be in a release.
MAX_AGE = timedelta(days=183)
_EXAMPLE_HOSTS = re.compile(r"(^|\.)(example\.(com|net|org)|localhost|test|invalid|example|local)$")


def is_release(environ: Mapping[str, str] = os.environ) -> bool:
    """Whether this build is a release build (``SAFETYSITE_RELEASE=1``)."""
    return environ.get(SWITCH, "") == "1"


def _host_problem(host: str) -> str:
    """Why a host name or IP address is not one the public can reach, or ``""``."""
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        if _EXAMPLE_HOSTS.search(host):
            return "is an example or local address"
        return "" if "." in host else "is a local host name, not a public address"
    if address.is_unspecified or address.is_link_local or address.is_multicast:
        return "is not a public address"
    if address.is_loopback or address.is_private or address.is_reserved:
        return "is a loopback or private address"
    return ""


def unreachable(url: str) -> str:
    """Why readers could not reach ``url`` safely (not https, a loopback, private, reserved or
    example address, a host name with no dot), or ``""``."""
    parts = urlsplit(url)
    host = (parts.hostname or "").lower().rstrip(".")
    if not host:
        return "has no host name"
    return _host_problem(host) or ("is not https" if parts.scheme != "https" else "")


def _unverified(contact: Contact, today: date) -> str:
    """Why a published contact cannot be released yet, or ``""``."""
    if not contact.verified:
        how = f"check it at its live source ({contact.source}), then add verified, verified_how, verified_by"
        return f"{contact.value} is not verified against its live source: {how}"
    if today - date.fromisoformat(contact.verified) > MAX_AGE:
        return (
            f"{contact.value} was last verified on {contact.verified}, over six months ago: verify it again"
        )
    if PRIVATE.search(contact.verified_by):
        return "verified_by names a role, never an email address or phone number"
    return ""


def release_problems(site: Site, today: date | None = None) -> list[Problem]:
    """Everything that keeps this site from being released (empty when it is ready)."""
    today = today or date.today()
    found = []
    where = str(site.contacts_file)
    for contact in site.contacts.values():
        if contact.published and contact.kind != "name" and (problem := _unverified(contact, today)):
            found.append(Problem(where, contact.line, "release", f"contacts.{contact.key}: {problem}"))
    if why := unreachable(site.site_url):
        line = config_line(site.config_file, "site_url")
        fix = "set SITE_URL to the address the site will be published at"
        found.append(
            Problem(str(site.config_file), line, "release", f"site_url {site.site_url!r} {why}: {fix}")
        )
    dialled = {key for key, c in site.contacts.items() if c.kind in ("phone", "sms")}
    for lang in site.languages:
        loaded = site.translations(lang.code)
        found += [p for p in loaded.problems if p.error]
        if not loaded.review.reviewed:  # a swap could say "call 101 in an emergency"
            found += [
                Problem(p.path, p.line, "release", f"{p.message}: numbers swapped need a reviewer's sign-off")
                for p in loaded.problems
                if p.check == "order" and len(set(PLACEHOLDER.findall(p.message)) & dialled) > 1
            ]
    return sorted(found)


def refusals(site: Site, *, strict: bool, release: bool) -> tuple[list[Problem], str]:
    """What stops this build before it writes anything, and why: everything a release refuses, or,
    in a strict build, catalogue errors (whatever the log level: MkDocs' warning counter misses
    what ``-q`` hides)."""
    if release:
        return release_problems(site), "a release build needs every one fixed"
    if strict:
        errors = [p for lang in site.languages for p in site.translations(lang.code).problems if p.error]
        return errors, "catalogue errors: a strict build uses no failing translation"
    return [], ""
