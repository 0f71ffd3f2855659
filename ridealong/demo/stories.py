"""What happened at the demo company's customer contacts: the summaries and notes people
wrote, by kind of contact, with {placeholders} filled from the customer and the people."""

SUMMARIES: dict[str, list[str]] = {
    "sales-ride-along": [
        "Sat in on {owner}'s account review with {short}: they want {product} uptime per line, "
        "not per plant",
        "Sales call at {short} — procurement pushed on the service-contract price; {contact} "
        "cared more about spare-part lead times",
        "Quarterly review with {contact} ({contact_title}) at {short}: renewal likely, but they "
        "asked twice about remote diagnostics",
        "Joined the quote meeting for a second {product} at {short} — the decision hinges on "
        "changeover time",
        "{short} wants recyclable film next year; we could not say whether the {product} seals "
        "mono-PP",
        "Line Monitor demo for {short}'s operations team — the OEE screen got more questions "
        "than the machine",
        "Pricing talk at {short}: they compared our offer line by line with a competitor's",
        "Upsell talk with {short} about a retrofit kit for the {product}; {contact} wants a "
        "trial on line {line} first",
    ],
    "setup-ride-along": [
        "Commissioning the new {product} on line {line} at {short} — the factory settings did not "
        "survive the trip; 3 hours re-teaching the servo axes",
        "Installation at {short}: the floor was 2 cm out of level, which nobody on our side "
        "had asked about",
        "Format-part set-up on the {product} at {short}; operators asked for changeover "
        "instructions in {language}",
        "Went with {tech} to fit the {product} retrofit at {short}; their electrician wanted our "
        "wiring diagrams before we arrived",
        "New film format at {short} — the sealing window is much narrower than our manual says",
        "Start-up of line {line} at {short}: first good packs after 5 hours, operators trained "
        "on the HMI in the afternoon",
    ],
    "support-listening": [
        "Listened to {agent} on the hotline for an afternoon: {n} calls, most about sealing jaws "
        "and film tracking",
        "Support line: a night-shift operator at {short} could not find the guard-door reset on "
        "the {product} — our HMI hides it two menus deep",
        "Heard {contact} from {short} describe a label misprint three ways before we understood it",
        "Listened in while {agent} talked {short} through a servo fault on the {product} — 40 "
        "minutes, solved without a visit",
        "Spare-parts calls with {agent}: customers don't know our part numbers, they send photos",
        "Two customers in one afternoon asked for the same missing Line Monitor feature (shift "
        "reports by e-mail)",
    ],
    "support-shift": [
        "Support shift ({hours} hours): {n} calls, {m} solved on the phone; the {product} "
        "error-code list is what I used most",
        "Support shift with {agent} as buddy — most calls were about format changes, not faults",
        "Afternoon on the support desk: {n} calls, two from {short}'s night shift about jammed "
        "cartons",
        "Support shift: noted every question I could not answer — 7 of {n} were about Line "
        "Monitor reports",
    ],
    "site-visit": [
        "Watched the night shift at {short} change formats on line {line} — changeover took 40 "
        "minutes, not 15",
        "Visit to {short} in {city}: operators keep a handwritten notebook of {product} settings "
        "next to the HMI",
        "Walked the packing hall at {short} with {contact}: spare format parts sit on a pallet "
        "because our trolley is too wide",
        "Saw the {product} at {short} run at 80% speed on purpose — at full speed the film "
        "wrinkles",
        "Plant tour at {short}: the cleaning crew spends 90 minutes per wash-down on the "
        "{product} because of hidden corners",
        "Visit to {short} after two unplanned stops: a forklift had bent the sensor bracket, "
        "not a design fault",
        "Early shift at {short}: three products an hour, and every changeover starts with "
        "hunting for the right Allen key",
    ],
    "call-for-opinion": [
        "Called {contact} at {short} about the new HMI layout — likes the bigger buttons, hates "
        "the hidden alarm history",
        "Asked {short} what they would change on the {product}: “lighter guard doors — not all "
        "our operators are six feet tall”",
        "Call with {contact} ({contact_title}) at {short} about Line Monitor shift reports — "
        "they print them and pin them up",
        "Called {short} to ask why they never use remote assistance: their IT blocks outbound "
        "connections",
        "Opinion call with {short}'s maintenance team about spare-part kits: they want kits by "
        "service interval, not by assembly",
    ],
    "lunch-coffee": [
        "Lunch with {contact} from {short}: their biggest worry this year is finding operators, "
        "not buying machines",
        "Coffee with {short}'s plant manager after the review — they are moving into "
        "{new_market} and need smaller packs",
        "Lunch in {city} with {contact}: they would pay for training that comes to the plant",
        "Coffee in the {short} canteen — the operators call our {product} “the grumpy one”",
    ],
    "networking": [
        "Talked to {contact} from {short} at {event}: runs a competitor's line, unhappy with "
        "three-week spare-part deliveries",
        "{event}: long talk with {short}'s maintenance lead about remote diagnostics — they "
        "think ours is “just a VPN”",
        "Met {contact} from {short} at {event}; their current supplier's service team is six "
        "hours away",
        "At {event}, {short} told us they buy on price — and lost a week to a missing gearbox",
    ],
    "field-conversation": [
        "Field conversation with {short}: they find customers at trade fairs and struggle to "
        "reach retailers online",
        "Asked {contact} at {short} our three questions — who decides on a line? the plant "
        "manager, not procurement",
        "Short talk at {short}: they pack by hand today and fear a machine won't handle their "
        "40 SKUs",
        "Prospect {short} packs {industry} products in 12 formats and wants a line two people "
        "can change over",
    ],
    "survey-follow-up": [
        "Survey follow-up with {contact} at {short} (4/10): our invoices list part numbers their "
        "ERP cannot match",
        "Called {short} about their unhappy survey answer: the technician was great, but the "
        "visit was rescheduled three times",
        "Follow-up on a 3/10 from {short}: the {product} manual is 300 pages with no quick-start",
        "Survey follow-up: {contact} at {short} gave us 5/10 because quotes take two weeks",
        "Followed up a low score from {short} — the complaint was not the machine but a delivery "
        "note in German only",
    ],
    "secret-shopper": [
        "Secret-shopper call to our spare-parts line as a dairy's maintenance lead: on hold 11 "
        "minutes, then transferred twice",
        "Called our sales line as a small bakery asking for a price — friendly, but no call back "
        "in five days",
        "Secret-shopper call to support at 19:30: the night number went to a full voicemail box",
        "Asked our hotline how to order a format part without a part number — found from a photo "
        "in 6 minutes",
        "Called sales as a cosmetics start-up: we asked about their volumes before their problem",
    ],
    "role-play": [
        "Role-play: an angry plant manager whose line stopped on a Friday night; the “agent” "
        "promised a technician before checking the calendar",
        "Role-play from a real objection — “your competitor ships spare parts in 48 hours”; we "
        "scored each other on listening",
        "Role-play of a price negotiation with procurement: we talked features, nobody asked "
        "about their costs",
        "Role-play: an operator who is afraid of the new machine — scored on plain language",
    ],
    "workshop": [
        "Empathy-map workshop: {segment} — says, thinks, does, feels from {n} real quotes",
        "Workshop: what we heard from {segment} this quarter, sorted into pains and gains",
    ],
}

# Prospects have no machine of ours yet.
PROSPECT_SUMMARIES: dict[str, list[str]] = {
    "sales-ride-along": [
        "First sales meeting at {short}: they pack by hand on {m} lines and asked what a "
        "{product} would change for their crew",
        "Sat in on {owner}'s demo for {short} — their {contact_title} asked about training "
        "before price",
        "Sales call with {short}: they compare suppliers on service response time, not on speed",
        "Trial planning with {short}: samples of their packs go to our test lab next month",
    ],
}

QUOTES = [
    "“We lose more time looking for format parts than changing them.”",
    "“Your machine is fine; your manual is the problem.”",
    "“If the HMI spoke our language, half my questions would go away.”",
    "“Don't send me a PDF, send me a video.”",
    "“We would buy the remote service if our IT said yes.”",
    "“Our night shift is three people for six lines.”",
    "“Procurement wants the price, I want the technician's phone number.”",
    "“The old machine was louder, but we knew all its moods.”",
    "“We print the OEE report and pin it to the wall.”",
    "“When it runs, it runs. When it stops, nobody here knows why.”",
]
ON_SITE_OBSERVATIONS = [
    "Operators had taped their own labels onto the HMI buttons.",
    "The spare-parts cabinet was sorted by our delivery notes, not by machine.",
    "Two of the operators were in their second week.",
    "They clean with high-pressure water every shift; our cable glands are not rated for it.",
    "The changeover instructions were a laminated A4 sheet from 2019.",
    "The line ran at 85 % of nominal speed on purpose.",
    "Their maintenance lead keeps a spreadsheet of every stop, with causes.",
    "Nobody on the floor knew Line Monitor existed.",
    "Their film supplier changed last month and nobody told us.",
    "They pack for three retailers, each with its own case label.",
]
CALL_OBSERVATIONS = [
    "The caller stood next to the machine; we could hear the alarm the whole time.",
    "Half the call went on finding the serial number.",
    "The operator had the manual open, for the wrong model.",
    "They had already tried the fix from their last call, twice.",
    "The caller switched between their language and English mid-sentence.",
    "Nobody at the plant knew who had changed the settings.",
    "They had a photo of the fault but no way to send it to us during the call.",
]
INTERNAL_OBSERVATIONS = [
    "Scores: listening 3/5, plain language 4/5, clear next step 2/5.",
    "In the debrief we noticed we interrupt the customer after about 20 seconds.",
    "Every quote on the wall came from last month's site visits and support calls.",
    "Two people from the back office saw a support call script for the first time.",
    "We timed it: 4 minutes before anyone asked what the customer needed.",
]
SHOPPER_OBSERVATIONS = [
    "Friendly greeting; nobody asked for the machine's serial number.",
    "Six minutes of hold music with no idea how long the wait would be.",
    "A clear next step and a confirmation by e-mail within the hour.",
    "Transferred to a colleague who asked the same three questions again.",
    "The agent explained the fix in plain words and checked I had understood.",
]
LEARNED = [
    "the first 30 minutes after a format change decide the whole shift.",
    "our changeover time is measured with the best operator; theirs with the newest.",
    "customers judge us by how fast a spare part arrives, not by the machine.",
    "procurement and the plant want different things from the same contract.",
    "most “faults” on the phone are training questions.",
    "a two-minute video would have saved most of that call.",
    "they would pay for training on site.",
    "nobody reads the manual; everyone reads the sticker on the machine.",
]
FOLLOW_UPS = [
    "Follow-up: send {contact} the quick-start guide for the {product}.",
    "Follow-up: ask Controls whether the alarm history can be one tap from the home screen.",
    "Follow-up: check spare-part lead times for {short} with logistics.",
    "Follow-up: invite {contact} to the user group in spring.",
    "Follow-up: raised a ticket for the HMI translation.",
    "Follow-up: shared with the software team in Monday's stand-up.",
]

EVENTS = {
    "eu": [
        "Interpack in Düsseldorf",
        "Anuga FoodTec in Cologne",
        "FachPack in Nuremberg",
        "a VDMA regional meeting",
        "the IHK Ostwestfalen evening",
        "the packaging club breakfast in Lyon",
    ],
    "na": ["PACK EXPO in Chicago", "PACK EXPO East in Philadelphia", "a Chicago chamber lunch"],
}
NEW_MARKETS = [
    "single-serve packs",
    "organic ranges",
    "export to the Middle East",
    "e-commerce multipacks",
    "plant-based products",
]
WORKSHOP_SEGMENTS = [
    "dairy plant managers",
    "pharma packaging engineers",
    "bakery maintenance leads",
    "cosmetics brand owners",
    "pet food procurement",
]
