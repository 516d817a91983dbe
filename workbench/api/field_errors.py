"""The field messages of a refused API request (marshmallow's and ours) in the request's language.

webargs puts marshmallow's English lines under ``errors`` of a 422, keyed by location
and field; the keys are the client's own names and stay as sent, the lines are matched
against the patterns below (the validators this API uses) and translated like the
lower layers' messages. A line no pattern knows is sent unchanged.
"""

from __future__ import annotations

from typing import Any

from workbench.web.messages import N_, localise_line, message_table

FIELD_MESSAGES = message_table([
    (r"Missing data for required field\.", N_("This field is required.")),
    (r"Field may not be null\.", N_("This field may not be null.")),
    (r"Unknown field\.", N_("This field is not known here.")),
    (r"Invalid input type\.", N_("This is not an object of fields.")),
    (r"Invalid value\.", N_("This value is not accepted.")),
    (r"Not a valid string\.", N_("This is not a text string.")),
    (r"Not a valid integer\.", N_("This is not a whole number.")),
    (r"Not a valid boolean\.", N_("This is not true or false.")),
    (r"Not a valid list\.", N_("This is not a list.")),
    (r"Not a valid mapping type\.", N_("This is not an object of fields.")),
    (r"Not a valid datetime\.", N_("This is not a date and time.")),
    (r"Not a valid number\.", N_("This is not a number.")),
    (r"Number too large\.", N_("This number is too large.")),
    (r"Length must be between (?P<min>\d+) and (?P<max>\d+)\.",
     N_("The length must be from %(min)s to %(max)s.")),
    (r"Shorter than minimum length (?P<min>\d+)\.", N_("Too short: the least is %(min)s.")),
    (r"Longer than maximum length (?P<max>\d+)\.", N_("Too long: the most is %(max)s.")),
    (r"Must be greater than or equal to (?P<min>-?[\d.]+) and less than or equal to "
     r"(?P<max>-?[\d.]+)\.", N_("The value must be from %(min)s to %(max)s.")),
    (r"Must be greater than or equal to (?P<min>-?[\d.]+)\.",
     N_("The value must be at least %(min)s.")),
    (r"Must be one of: (?P<choices>.+)\.", N_("The value must be one of: %(choices)s.")),
    (r"must contain text, not only spaces", N_("This must contain text, not only spaces.")),
    (r"a label cannot contain “\|” \(it joins pair keys\)",
     N_("A label cannot contain “|” (it joins the keys of pairs).")),
])


def localise_field_errors(errors: Any) -> Any:
    """``errors`` with every message line translated and every key kept as the client sent it."""
    if isinstance(errors, dict):
        return {key: localise_field_errors(value) for key, value in errors.items()}
    if isinstance(errors, list | tuple):
        return [localise_field_errors(item) for item in errors]
    if isinstance(errors, str):
        return localise_line(errors, FIELD_MESSAGES)
    return errors
