# ruff: noqa: E501 (quotes read better on one line each)
"""The words of the insights demo: the bank of quotes by subject, guide answers, lessons,
what to do differently, and questions to hosts with their replies."""

from ridealong.insights.models import InsightType

P, G, O, I, PR, Q, R = (  # noqa: E741
    InsightType.PAIN,
    InsightType.GAIN,
    InsightType.OBJECTION,
    InsightType.IDEA,
    InsightType.PRAISE,
    InsightType.QUESTION,
    InsightType.REQUEST,
)

# (type, product area, tags, quote). {m} is one of the customer's machines.
QUOTE_BANK: list[tuple[str, str, list[str], str]] = [
    # Changeovers
    (
        P,
        "Changeover",
        ["changeover"],
        "Every changeover on the {m} takes us forty minutes, and we do six a day.",
    ),
    (
        P,
        "Changeover",
        ["changeover"],
        "The format parts all look the same; the night shift mixes them up during changeover.",
    ),
    (
        P,
        "Changeover",
        ["changeover", "operators"],
        "Changeover depends on one person. When Jürgen is on holiday, the line stands.",
    ),
    (
        P,
        "Changeover",
        ["changeover"],
        "We lose the first two hundred packs after every changeover until the sealing is right.",
    ),
    (
        R,
        "Changeover",
        ["changeover"],
        "Could the {m} remember the settings per product? We type them in every time.",
    ),
    (
        I,
        "Changeover",
        ["changeover"],
        "Colour-code the format parts, like the tool shadow boards in our workshop.",
    ),
    (
        G,
        "Changeover",
        ["changeover"],
        "If changeover went under fifteen minutes we could run smaller batches and cut stock.",
    ),
    (
        PR,
        "Changeover",
        ["changeover"],
        "The quick-release clamps on the new {m} halved our changeover time.",
    ),
    (
        P,
        "Changeover",
        ["changeover", "training"],
        "New operators need three weeks before they can change formats alone.",
    ),
    (
        Q,
        "Changeover",
        ["changeover"],
        "Is there a way to see on the screen which format part is missing?",
    ),
    # Manuals and documentation
    (
        P,
        "Documentation and manuals",
        ["manual"],
        "Your machine is fine; your manual is the problem. Six hundred pages and nothing on our fault.",
    ),
    (
        P,
        "Documentation and manuals",
        ["manual"],
        "Nobody reads the manual. Everyone reads the sticker on the machine.",
    ),
    (
        P,
        "Documentation and manuals",
        ["manual", "translation"],
        "The manual is in English and German; half my operators speak Polish.",
    ),
    (
        R,
        "Documentation and manuals",
        ["manual", "video"],
        "Short videos on a phone would help more than the binder in the office.",
    ),
    (
        I,
        "Documentation and manuals",
        ["manual"],
        "Put a QR code on each station that opens the right page of the manual.",
    ),
    (
        P,
        "Documentation and manuals",
        ["manual"],
        "The wiring diagram in the manual does not match the cabinet we got.",
    ),
    (
        R,
        "Documentation and manuals",
        ["manual"],
        "We need a one-page cleaning guide we can laminate and hang at the line.",
    ),
    (
        P,
        "Documentation and manuals",
        ["manual", "audit"],
        "The auditors asked for the validation documents and it took us two weeks to find them.",
    ),
    # Spare parts
    (
        P,
        "Spare parts",
        ["spare parts", "lead time"],
        "Three weeks for a sealing jaw. The line stood for four days of it.",
    ),
    (P, "Spare parts", ["spare parts"], "We never know the part number. We send a photo and hope."),
    (
        O,
        "Spare parts",
        ["spare parts", "price"],
        "Your spare parts cost twice what the competitor charges for the same bearing.",
    ),
    (
        R,
        "Spare parts",
        ["spare parts"],
        "Sell us a kit of the wear parts for a year, so we have them on the shelf.",
    ),
    (
        I,
        "Spare parts",
        ["spare parts"],
        "Let us order parts by clicking on a drawing of the machine.",
    ),
    (
        P,
        "Spare parts",
        ["spare parts", "lead time"],
        "The gearbox came from Germany by truck; we had asked for express.",
    ),
    (
        PR,
        "Spare parts",
        ["spare parts"],
        "The spare-parts hotline found the right belt from one blurry photo. Impressive.",
    ),
    (
        P,
        "Spare parts",
        ["spare parts"],
        "Parts arrive without a label saying which machine they are for.",
    ),
    (
        Q,
        "Spare parts",
        ["spare parts"],
        "Can you tell us which parts to keep in stock for the {m}?",
    ),
    # Invoices
    (
        P,
        "Invoicing",
        ["invoice"],
        "I cannot match your invoices to our purchase orders; the numbers are not on them.",
    ),
    (
        P,
        "Invoicing",
        ["invoice"],
        "We got three invoices for one service visit and a credit note nobody understood.",
    ),
    (
        R,
        "Invoicing",
        ["invoice"],
        "Please send invoices as e-invoices; our accounts department rejects PDFs now.",
    ),
    (
        O,
        "Invoicing",
        ["invoice", "price"],
        "The travel costs on the service invoice were more than the repair.",
    ),
    (
        P,
        "Invoicing",
        ["invoice"],
        "Your invoice says 'service per contract' and our controller wants to know what was done.",
    ),
    (
        Q,
        "Invoicing",
        ["invoice"],
        "Why does the invoice come from Lyon when the technician came from Bielefeld?",
    ),
    # Field technicians (praise)
    (
        PR,
        "Field service",
        ["technician"],
        "Your technician stayed until ten at night to get us running for the morning shift.",
    ),
    (
        PR,
        "Field service",
        ["technician"],
        "Marek explained every step to our maintenance team; now they fix it themselves.",
    ),
    (
        PR,
        "Field service",
        ["technician"],
        "The field technicians are the best thing about you. Honest, quick, and they listen.",
    ),
    (
        PR,
        "Field service",
        ["technician", "training"],
        "Your service engineer trained our night shift without being asked.",
    ),
    (
        PR,
        "Field service",
        ["technician"],
        "He brought the right part on the first visit because he had called us the day before.",
    ),
    (
        P,
        "Field service",
        ["technician", "lead time"],
        "Waiting five days for a technician is too long when the line is down.",
    ),
    (
        R,
        "Field service",
        ["technician"],
        "Send us the same technician each time; he knows our lines.",
    ),
    (
        G,
        "Field service",
        ["technician"],
        "With a technician nearby we would sign the premium contract tomorrow.",
    ),
    # Remote support and the hotline
    (
        P,
        "Remote support",
        ["hotline"],
        "The hotline asks for the serial number before anything else. I am standing at a stopped line.",
    ),
    (
        P,
        "Remote support",
        ["remote", "it security"],
        "Our IT will not allow the remote box. So every small fault means a visit.",
    ),
    (
        PR,
        "Remote support",
        ["hotline"],
        "The hotline talked me through the alarm in ten minutes. Saved a night.",
    ),
    (
        R,
        "Remote support",
        ["remote"],
        "Let us send a video of the fault to the hotline during the call.",
    ),
    (
        I,
        "Remote support",
        ["remote"],
        "A chat with your technician on the HMI would be faster than phoning.",
    ),
    (P, "Remote support", ["hotline"], "Outside office hours the hotline is an answering machine."),
    (
        Q,
        "Remote support",
        ["remote", "it security"],
        "What exactly does the remote box send out of our network?",
    ),
    # HMI and controls
    (
        P,
        "Machine controls (HMI)",
        ["hmi", "alarms"],
        "The alarm says 'Error 4711'. What does that mean to an operator at 3 a.m.?",
    ),
    (P, "Machine controls (HMI)", ["hmi"], "The touch screen does not work with our gloves."),
    (
        R,
        "Machine controls (HMI)",
        ["hmi", "translation"],
        "We need the screens in Spanish for the new plant.",
    ),
    (
        I,
        "Machine controls (HMI)",
        ["hmi", "oee"],
        "Show the OEE of the shift on the machine screen; the operators would compete.",
    ),
    (
        PR,
        "Machine controls (HMI)",
        ["hmi"],
        "The changeover view on the new screen is really clear. Operators like it.",
    ),
    (
        P,
        "Machine controls (HMI)",
        ["hmi", "alarms"],
        "Too many alarms. My operators just press acknowledge without reading.",
    ),
    # Training
    (
        P,
        "Training",
        ["training", "operators"],
        "Our operators change every few months; training is our biggest cost.",
    ),
    (R, "Training", ["training"], "Can you train our people on site instead of in Bielefeld?"),
    (G, "Training", ["training"], "A certificate for operators would help us keep them."),
    (
        PR,
        "Training",
        ["training"],
        "The training day was the first one my team did not sleep through.",
    ),
    # Delivery and installation
    (
        P,
        "Delivery and installation",
        ["installation", "lead time"],
        "Installation took two weeks longer than planned and nobody told us why.",
    ),
    (
        PR,
        "Delivery and installation",
        ["installation"],
        "The installation team left the site cleaner than they found it.",
    ),
    (
        O,
        "Delivery and installation",
        ["price"],
        "Your quote is fifteen percent above the others; we need a reason to pay that.",
    ),
    (
        O,
        "Delivery and installation",
        ["lead time"],
        "Twelve months delivery time is too long; our customer wants the product in spring.",
    ),
    (
        O,
        "Delivery and installation",
        ["references"],
        "We have never seen one of your lines run in a dairy like ours.",
    ),
    (
        G,
        "Delivery and installation",
        ["sustainability"],
        "If the {m} can seal mono-material film, we switch next year.",
    ),
    (
        Q,
        "Delivery and installation",
        ["sustainability"],
        "Can the {m} run paper-based film at full speed?",
    ),
    (
        P,
        "Delivery and installation",
        ["installation"],
        "The machine did not fit through the door we told you about.",
    ),
]

ANSWERS = [
    "They showed us the line; {m} runs three shifts. The operator did the changeover from memory.",
    "Mostly by word of mouth and trade fairs; online hardly at all.",
    "When it goes wrong they phone the shift leader first, then us.",
    "Spare parts are ordered by photo; nobody knows the part numbers.",
    "What takes longest is the cleaning after every batch.",
    "They want to see OEE per shift, not per month.",
    "The manual stays in the office; the operators use a handwritten sheet.",
    "Price came up twice; lead time for parts came up five times.",
    "The hotline helped, but only after the serial number hunt.",
    "They would change the alarm texts first: plain words, not codes.",
]
LEARNED = [
    "Operators keep a handwritten sheet of settings because the screen forgets them.",
    "The buyer cares about price; the plant manager cares about stops. They did not talk to each other.",
    "A changeover is a team sport at their plant; one person missing and it fails.",
    "Our invoices make work for their accounts team every month.",
    "The technician is our brand for them, more than the machine.",
    "They judge us by how fast a part arrives, not by the machine.",
    "Remote support fails on their IT rules, not on our technology.",
    "Night shift has nobody who reads English manuals.",
]
DIFFERENTLY = [
    "Ask to see the handwritten notes next to the machine before proposing anything.",
    "Bring a printed one-page summary instead of the full manual.",
    "Talk to the operators before the managers next time.",
    "Check the invoice with their purchase order format before we send it.",
    "Call the customer the day before to ask which parts might be needed.",
    "Stay for a changeover, not only the running line.",
    "Write down the alarm codes they see most and take them to the controls team.",
]
QUESTIONS = [
    (
        "Why did you not mention the remote box when they complained about visits?",
        "Their IT said no last year; I did not want to reopen it in front of the buyer. I'll raise it with the plant manager.",
    ),
    (
        "Why did you let the operator do the changeover instead of showing the new clamps?",
        "Because they learn by doing; if I show it, they forget it by the next shift.",
    ),
    (
        "Why did we offer a discount on parts before they asked?",
        "They had four stops last quarter; the discount is cheaper than losing the contract.",
    ),
    (
        "Why did you take a photo of the cabinet?",
        "The wiring does not match our drawing; I'm sending it to documentation.",
    ),
    (
        "Why did you ask for the serial number twice?",
        "The first one was the cabinet's, not the machine's — a common mix-up we should fix on the label.",
    ),
    ("Why did you not quote the premium contract?", ""),
    ("Why did the customer get the invoice before the report?", ""),
]
