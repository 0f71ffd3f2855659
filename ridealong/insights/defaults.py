"""Shipped defaults: a question guide per kind of contact, and a small product-area catalog.

`load_defaults` is used by the data migration and may be run again (it only adds what is
missing: a guide someone edited is left as it is)."""

from typing import Any

# kind slug: questions, in the order to ask them
DEFAULT_GUIDES: dict[str, list[str]] = {
    "field-conversation": [
        "How do you find new customers?",
        "Do you do it online?",
        "What do you find hard about it?",
        "What have you tried that did not work?",
    ],
    "site-visit": [
        "Show me how you use it today.",
        "What do you do when it goes wrong?",
        "What takes longer than it should?",
        "If you could change one thing, what would it be?",
    ],
    "sales-ride-along": [
        "What problem is the customer trying to solve?",
        "What made them hesitate?",
        "Which competitors did they mention, and why?",
        "What convinced them (or not)?",
    ],
    "setup-ride-along": [
        "What did the customer expect from the setup?",
        "Where did the setup take longer than planned?",
        "What did the operators struggle with?",
        "What did they say about the documentation?",
    ],
    "support-listening": [
        "Why did customers call?",
        "What did they try before calling?",
        "Which answer helped them most?",
        "What made a caller frustrated?",
    ],
    "support-shift": [
        "Which problems came up more than once?",
        "What could the customer not do without us?",
        "What would have avoided the call?",
    ],
    "call-for-opinion": [
        "What do you think of the product today?",
        "What would make you recommend us?",
        "What almost made you choose someone else?",
    ],
    "survey-follow-up": [
        "What did you mean by your answer?",
        "What happened that made you feel that way?",
        "What should we do about it?",
    ],
    "lunch-coffee": [
        "What is keeping you busy these days?",
        "What is changing in your business?",
    ],
    "networking": [
        "Which suppliers do you work with, and why?",
        "What is hard in your work right now?",
    ],
    "secret-shopper": [
        "How quickly did we answer?",
        "Did we understand the question?",
        "What would a real customer have done next?",
    ],
    "role-play": [
        "What did the 'customer' push back on?",
        "What would you say differently next time?",
    ],
    "workshop": [
        "What did the customers agree on?",
        "Where did they disagree?",
    ],
}

DEFAULT_PRODUCT_AREAS = [
    "Changeover",
    "Documentation and manuals",
    "Spare parts",
    "Invoicing",
    "Field service",
    "Remote support",
    "Machine controls (HMI)",
    "Training",
    "Delivery and installation",
]


def load_defaults(
    *, kind_model: Any, guide_model: Any, question_model: Any, area_model: Any
) -> tuple[int, int]:
    """Add the default guides (for kinds without one) and product areas; return the counts.

    Takes the model classes so a migration can pass its historical models."""
    guides = 0
    for slug, questions in DEFAULT_GUIDES.items():
        kind = kind_model.objects.filter(slug=slug).first()
        if kind is None or guide_model.objects.filter(kind=kind).exists():
            continue
        guide = guide_model.objects.create(kind=kind)
        question_model.objects.bulk_create(
            question_model(guide=guide, text=text, position=i) for i, text in enumerate(questions)
        )
        guides += 1
    areas = 0
    existing = {name.lower() for name in area_model.objects.values_list("name", flat=True)}
    for i, name in enumerate(DEFAULT_PRODUCT_AREAS):
        if name.lower() not in existing:
            area_model.objects.create(name=name, position=(i + 1) * 10)
            areas += 1
    return guides, areas
