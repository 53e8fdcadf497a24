"""The casework pages' forms: the investigation workspace and the interventions page.

The forms only parse what was typed (dates, choices); the services decide what is allowed and
return their Swedish messages, which ``web.posting.save`` puts next to the fields.
"""
