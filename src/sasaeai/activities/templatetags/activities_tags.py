from django import template

from sasaeai.core.fiscal import wareki_date

register = template.Library()


@register.filter
def dash(value):
    """Print zero as "—", as the municipalities' printed tables do."""
    return "—" if not value else value


@register.filter
def wareki(value):
    return wareki_date(value) if value else ""


@register.filter
def person(user):
    return (user.last_name or user.username) if user else ""
