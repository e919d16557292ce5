"""Name the proposal's lists, the equality check's groups, the 12 Lennox factors and the panel's ratings."""
from flask_babel import lazy_gettext as _l

DRAFT, SUBMITTED = "draft", "submitted"
PROPOSAL_STATUSES = {
    DRAFT: _l("Draft"),
    SUBMITTED: _l("Submitted to the panel"),
}

# The lists a lab starts with; facilitators change them. Codes mark the preset rows so they show translated.
DEFAULT_SCALES = {
    "neighbourhood": _l("A neighbourhood"),
    "place": _l("The whole place"),
    "ics": _l("The whole integrated care system"),
}
DEFAULT_PRIORITIES = {
    "digital_data": _l("Digital and data"),
    "people": _l("People and development"),
    "communities": _l("Joined-up communities"),
    "clinical_leadership": _l("Clinical leadership"),
    "urgent_care": _l("Urgent and emergency care"),
    "planned_care": _l("Planned care"),
    "social_care": _l("Social care and discharge"),
    "primary_care": _l("Primary care"),
    "finance": _l("Finance and productivity"),
    "inequalities": _l("Health inequalities"),
}
SCALE, PRIORITY = "scale", "priority"
OPTION_KINDS = {SCALE: DEFAULT_SCALES, PRIORITY: DEFAULT_PRIORITIES}

RESOURCE_KINDS = {
    "people": _l("People"),
    "money": _l("Money"),
    "materials": _l("Materials"),
    "other": _l("Other"),
}
RESOURCE_STATES = {
    "existing": _l("Already in place"),
    "new": _l("New"),
}

# Likelihood and consequence of a risk, 1 (very low) to 5 (very high).
RISK_LEVELS = {
    1: _l("Very low"),
    2: _l("Low"),
    3: _l("Medium"),
    4: _l("High"),
    5: _l("Very high"),
}

EQUALITY_GROUPS = {
    "age": _l("Age"),
    "disability": _l("Disability"),
    "gender_reassignment": _l("Gender reassignment"),
    "marriage": _l("Marriage and civil partnership"),
    "pregnancy": _l("Pregnancy and maternity"),
    "race": _l("Race"),
    "religion": _l("Religion or belief"),
    "sex": _l("Sex"),
    "sexual_orientation": _l("Sexual orientation"),
    "inclusion_health": _l("Inclusion-health groups (for example people who are homeless, Gypsy, Roma and "
                           "Traveller communities, people leaving prison)"),
    "language": _l("People who do not speak English well"),
    "low_income": _l("People on low incomes"),
}
NEGATIVE = "negative"
EFFECTS = {
    "positive": _l("Likely positive"),
    NEGATIVE: _l("Likely negative"),
    "neutral": _l("Neutral"),
    "unknown": _l("Not known yet"),
}

# The 12 factors of the Long Term Success Tool (Lennox et al. 2017), with what each asks, in labapp's words.
FACTORS = {
    1: (_l("Commitment to the improvement"),
        _l("Do the people doing the work, and those who pay for it, really want this change to carry on?")),
    2: (_l("Involvement"),
        _l("Have staff, patients, carers and local people had a real say in shaping it, and do they still?")),
    3: (_l("Skills and capabilities of those involved"),
        _l("Do the people running it have the skills, time and training to keep it going well?")),
    4: (_l("Leadership"),
        _l("Is there someone with enough standing who will speak up for it, clear blocks and keep it on the "
           "agenda?")),
    5: (_l("Team functioning"),
        _l("Does the team work well together: clear roles, honest talk, and people covering for each other?")),
    6: (_l("Resources in place"),
        _l("Are the money, staff time, rooms and equipment it needs there, and not just for a few weeks?")),
    7: (_l("Progress monitored for feedback and learning"),
        _l("Is someone keeping an eye on the measures, sharing them and changing the work when they show a "
           "problem?")),
    8: (_l("Evidence of benefits"),
        _l("Is there good evidence that it helps people, and do the people who matter know about it?")),
    9: (_l("Robust and adaptable processes"),
        _l("Is the new way of working written down and part of everyday routine, and can it bend when things "
           "change?")),
    10: (_l("Alignment with organisational culture and priorities"),
         _l("Does it fit what the organisations involved value and have said they will do?")),
    11: (_l("Support for improvement"),
         _l("Do the organisations around it back people who try to improve things, with time and help?")),
    12: (_l("Alignment with the external political and financial environment"),
         _l("Does it fit national policy, funding rules and the money situation, now and in the next few "
            "years?")),
}

CANT_JUDGE = 0
RATINGS = {
    1: _l("Not met"),
    2: _l("Partly met"),
    3: _l("Mostly met"),
    4: _l("Fully met"),
    CANT_JUDGE: _l("Can't judge"),
}

DECISIONS = {
    "adopt": _l("Adopt and spread"),
    "embed": _l("Embed in an existing programme"),
    "test": _l("Test further"),
    "stop": _l("Stop"),
}
# The prototype's status that follows each decision.
DECISION_STATUS = {"adopt": "adopted", "embed": "adopted", "test": "testing", "stop": "stopped"}
