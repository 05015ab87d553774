"""Build sentences.jsonl for the fact/opinion sentence classifier.

sentences.jsonl = hand.jsonl (copied byte for byte) + template sentences.

The template sentences come from the families below, filled from slot lists with a
fixed random seed, so every run writes a byte-identical file:

    python corpora/fact_opinion/generate.py

All names, places and events are invented. Labels follow the "fact-opinion" section of
the recording checks (see DATASHEET.md in this folder for the rules used).
"""

from __future__ import annotations

import json
import random
from pathlib import Path

HERE = Path(__file__).resolve().parent
HAND = HERE / "hand.jsonl"
OUT = HERE / "sentences.jsonl"

SEED = 20240517
# Template sentences per label (after de-duplication against hand.jsonl).
PER_LABEL = 170

LABELS = ["observed", "reported", "opinion_attributed", "opinion_unattributed", "other"]

# ---------------------------------------------------------------------------
# Slot lists
# ---------------------------------------------------------------------------

# (name, pronoun set) for children aged 3 and over
GIRLS = [
    "Amira", "Zoe", "Hafsa", "Oliwia", "Chloe", "Kiera", "Ife", "Mariam", "Lottie",
    "Anaya", "Simran", "Jessica", "Ebony", "Roksana", "Ivana", "Tia", "Nkechi", "Esme",
    "Mei", "Aaliyah", "Bethany", "Gabriela", "Leah", "Sumaya", "Freya", "Kayla", "Destiny",
    "Hana", "Aneta", "Saoirse", "Rania", "Phoebe", "Yasmin", "Thandiwe", "Lola",
]
BOYS = [
    "Jaden", "Kyle", "Ayaan", "Rayan", "Filip", "Tyler", "Emeka", "Liam", "Hamid",
    "Mason", "Ravi", "Kian", "Ollie", "Mustafa", "Jakub", "Corey", "Dawit", "Theo",
    "Aryan", "Lewis", "Samuel", "Bogdan", "Jerome", "Idris", "Riley", "Kwabena",
    "Zack", "Yahya", "Ethan", "Nathaniel", "Adam", "Mikey", "Toby", "Obinna",
]
# babies and toddlers (under 3) with an age written the way workers write it
INFANTS = [
    ("Baby Amina", "she"), ("Baby Kai", "he"), ("Noah", "he"), ("Evie", "she"),
    ("Zayn", "he"), ("Maja", "she"), ("Ruby-Mae", "she"), ("Tomi", "he"),
    ("Baby Lucas", "he"), ("Inaaya", "she"), ("Archie", "he"), ("Chiamaka", "she"),
    ("Baby Elif", "she"), ("Reggie", "he"), ("Aurora", "she"), ("Yusra", "she"),
]
INFANT_AGES = ["(7 months)", "(9 months)", "(11 months)", "(14 months)", "(18 months)",
               "(2)", "(20 months)", "(6 months)", "(2 years)", "(22 months)", "aged 10 months,"]

PARENTS = ["Mum", "Dad", "mum", "Gran", "Nan", "Grandad", "Mum's partner", "Dad's partner",
           "the foster carer", "the kinship carer", "Auntie Fola", "Uncle Piotr", "the stepdad",
           "Ms Bukola", "Mr Novak", "Mrs Sharma", "Mr Reid", "Ms Costa", "Mrs Adeyemi",
           "Mr Khan", "Grandma Lin", "the carer", "the residential key worker"]

PROFS = [
    "the class teacher, Mrs Chowdhury", "the DSL, Mr Hussain", "Ms Kowalska (health visitor)",
    "PC Daniels", "Dr Rahman, the GP", "the school nurse, Ms O'Neill", "the IRO",
    "the chair", "the advocate", "the youth worker, Tunde", "the health visitor",
    "the GP", "the DSL", "the head of year", "Mrs Evans (SENCO)", "the nursery manager",
    "the midwife, Ms Abara", "DC Fenwick", "the family support worker", "the housing officer",
    "the CAMHS practitioner", "the YOS worker", "the police officer", "the teacher",
    "Mr Tran, the head teacher", "the foster carer's supervising social worker",
    "the school attendance officer", "the paediatrician, Dr Osei", "Ms Dervishi (youth worker)",
    "the community nurse", "the probation officer", "PC Gill", "the minute taker",
]

MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
TIMES = ["9am", "9.30am", "10.15am", "11am", "12.40pm", "1pm", "2.30pm", "3.45pm",
         "4pm", "4.20pm", "5.10pm", "6pm", "7.15pm", "8pm", "10.05am", "08:50", "16:30"]
PLACES_CHILD = ["at school", "in the living room", "in her bedroom", "in the kitchen",
                "in the garden", "at the family centre", "in the car", "at the park",
                "in the school library", "at the youth club", "at nursery", "at Gran's",
                "in the contact room", "at the café on the high street", "in the hallway"]

BODY = ["left upper arm", "right cheek", "forehead", "left shin", "lower back", "right wrist",
        "neck", "left ear", "inner thigh", "top of the right hand", "chin", "left shoulder"]
MARKS = ["a yellowing bruise about 2cm across", "three small round bruises in a row",
         "a fresh graze", "a red mark in the shape of a hand", "a scratch about 5cm long",
         "a healing scab", "a purple bruise the size of a 10p coin", "two linear red marks",
         "a burn about the size of a fingertip", "a swollen area with a small cut"]

ROOM_GROUPS = {
    "kitchen": ["Kitchen", "Kitchen area", "The kitchen"],
    "bedroom": ["Children's bedroom", "Bedroom", "Baby's room", "Boys' room", "Girls' room"],
    "home": ["Flat", "House", "Home", "Living room", "Front room", "Downstairs"],
}
ROOMS = [r for group in ROOM_GROUPS.values() for r in group if not r.startswith("The ")]
PLACE_WORDS_NEG = ["dirty", "untidy", "messy", "cold", "smelly", "filthy", "cluttered", "a mess",
                   "in a poor state", "unhygienic", "chaotic"]
PLACE_WORDS_POS = ["clean", "tidy", "homely", "lovely", "spotless", "well kept", "warm",
                   "in good order", "organised", "welcoming"]
DETAIL_NEG = {
    "kitchen": ["dishes piled in the sink", "bin overflowing onto the floor", "mouldy bread on the side",
                "no food in the fridge", "takeaway cartons on the table", "sticky floor", "cooker caked in grease"],
    "bedroom": ["no sheet on the mattress", "wet nappies on the floor", "clothes heaped on the bed",
                "black mould behind the cot", "no bulb in the light", "strong smell of urine", "window will not shut"],
    "home": ["dog mess on the carpet", "no heating on", "thermostat at 13 degrees", "wet washing on every radiator",
             "cigarette ends in a saucer on the floor", "bin bags in the hallway", "broken glass by the door"],
}
DETAIL_POS = {
    "kitchen": ["surfaces wiped", "fridge had milk, fruit and cheese", "pots washed and put away",
                "tea cooking on the hob", "bins emptied", "high chair wiped down"],
    "bedroom": ["beds made", "toys in boxes", "clean bedding", "curtains up", "clothes folded in drawers",
                "night light on the shelf"],
    "home": ["heating on at 20 degrees", "floors hoovered", "stair gate fitted", "children's drawings on the wall",
             "school uniforms ironed and hung up", "smoke alarm tested and working"],
}
FOOD = ["milk", "bread", "yoghurts", "eggs", "pasta", "tins of soup", "apples", "cheese",
        "cereal", "frozen chips", "chicken", "rice", "baby formula", "bananas", "beans"]

ACTIVITIES = ["doing a jigsaw with {adult}", "watching cartoons", "eating toast at the table",
              "playing football in the garden", "drawing at the kitchen table",
              "asleep on the sofa", "on his tablet", "reading a comic", "helping {adult} cook",
              "sitting on the stairs", "playing with Lego", "doing homework", "in the bath",
              "getting ready for bed", "playing Minecraft", "dancing to music", "crying in the hallway",
              "outside on his bike", "still in her school uniform", "feeding the cat"]

INFANT_BEHAVIOUR = [
    "smiled and reached for {adult}", "cried when {adult} left the room and stopped when {adult} came back",
    "crawled over to {adult} and pulled {self} up on {adult}'s knee", "turned towards {adult}'s voice",
    "fed well from the bottle and fell asleep", "held {adult}'s finger and babbled",
    "flinched when {adult} reached over", "watched {adult}'s face and cooed",
    "stood holding the sofa and bounced", "pointed at the dog and laughed",
    "fed {self} pieces of banana", "arched {pos} back and screamed when put in the car seat",
    "did not cry or look for anyone when {adult} went out", "stacked three cups and clapped",
    "pushed the bottle away and turned {pos} head", "lay quietly in the cot staring at the ceiling",
    "walked unsteadily to the toy box", "rubbed {pos} eyes and yawned", "took a few steps towards {adult}",
    "sucked two fingers and held a muslin", "went stiff when {adult} picked {obj} up",
    "babbled back when {adult} talked to {obj}", "waved bye-bye at me from {adult}'s arms",
]

SOUNDS = ["shouting", "a baby crying", "a dog barking", "loud music", "a door slamming",
          "a man's voice", "children laughing", "someone swearing", "glass breaking"]

# Reported content: facts and other people's opinions.
PROF_CONTENT = [
    "{c} has missed {n} days of school this term",
    "{c} arrived at school without breakfast {n} times this month",
    "{c} was collected late on {day}",
    "{c} had a mark on {pos} {body} this morning",
    "{c} has been more settled since moving classes",
    "{c} is a lovely {kid} who tries hard",
    "{c} seems anxious on Mondays",
    "the family missed the last {n} appointments",
    "there have been {n} police callouts to the address since {month}",
    "Mum has not collected her prescription since {month}",
    "{c}'s attendance is now {pct}%",
    "{c} told {pos} friend that {pr} is scared to go home",
    "{c} has been seen with older boys near the shops",
    "{c} is falling behind with reading",
    "Dad was shouting at the school gate on {day}",
    "Mum seemed under the influence at pick-up",
    "{c} has put on weight and is now on the {cent}th centile",
    "{c} has not been brought to the dentist",
    "the parents are doing well and she has no concerns",
    "{c}'s weight has dropped since the last check",
    "{c} is much happier since the start of term",
    "Mum has been attending every session",
    "{c} disclosed that Dad hit {obj}",
    "the risk had reduced",
    "the plan should stay as it is",
    "{c} is not ready to move on",
    "{c} was found in a flat in Leicester at 2am",
    "{c} has made friends and joined the drama club",
    "there are rent arrears of £{money}",
    "Mum rang in very distressed on {day}",
]
PROF_VERBS = ["said", "told me", "reported", "confirmed", "explained", "mentioned",
              "rang to say", "emailed to say", "feels", "believes", "is of the view",
              "informed the meeting", "stated", "advised", "shared", "thinks",
              "told the meeting", "wrote", "commented", "noted"]

CHILD_VIEWS = [
    "{pr} misses {pos} dad", "{pr} likes living with {adult}", "{pr} doesn't want to go to contact",
    "{pr} wants to stay at {pos} school", "{pr} is scared when Mum's boyfriend shouts",
    "{pr} gets hungry at night", "{pr} would like {pos} own room", "{pr} hates the new flat",
    "{pr} has a best friend called {friend}", "{pr} wants to see {pos} brother more",
    "{pr} worries about Mum when {pr} is at school", "{pr} feels safe at {adult}'s",
    "nobody hurts {obj} at home", "{pr} doesn't like PE", "{pr} wants to be a footballer",
    "{pr} was pushed by Dad last week", "{pr} sleeps with the light on", "{pr} is happy where {pr} lives",
    "{pr} sometimes feels sad at bedtime", "{pr} loves swimming", "{pr} wants things to go back to how they were",
    "the older boys give {obj} money", "{pr} doesn't want Dad to know where {pr} lives",
]
CHILD_QUOTES = [
    "I just want to go home", "Mum's boyfriend is scary", "I like it here", "nobody listens to me",
    "Dad gets angry when he drinks", "I'm not allowed to talk about it", "can I see my sister",
    "I'm fine", "I don't want to move again", "school is boring but my friends are there",
    "I want to live with Nan", "it's my fault", "I'm always hungry", "I love my mum",
    "I don't feel safe", "he's nice to me", "I want my own bed", "they shout all the time",
]
CHILD_SPEECH = ["told me", "said", "explained", "whispered that", "wrote that", "told {pos} teacher",
                "told the advocate", "said to me that", "shared that", "told {pos} carer", "let me know"]
QUOTE_SPEECH = ["said", "told me", "wrote", "whispered", "shouted", "typed", "told {pos} teacher", "signed"]

ADULT_CONTENT = [
    "the bruise happened at the park", "{pr_a} has not had a drink since {month}",
    "the children were at their nan's last weekend", "{pr_a} cannot afford gas until payday",
    "{pr_a} is on the waiting list for counselling", "the baby had been up all night",
    "{pr_a} split up with {pos_a} partner in {month}", "{c} has been wetting the bed",
    "{c} fell down the stairs", "nobody else lives at the flat", "{pr_a} works nights",
    "{pr_a} struggles to get the children to school", "{c} is a nightmare at bedtime",
    "the school are picking on {c}", "{pr_a} was in care as a child", "{pr_a} feels depressed",
    "the landlord has not fixed the boiler", "{c} was diagnosed with ADHD last year",
    "{pr_a} is doing a college course on {day}s", "the marks were from a fall off the trampoline",
]
ADULT_VERBS = ["said", "told me", "explained", "says", "reported", "mentioned", "admitted",
               "claimed", "insisted", "stated", "told the meeting", "insisted to me that"]

# Judgements: used bare (opinion_unattributed) and owned (opinion_attributed).
# Split by polarity so that the framing words fit the judgement.
JUDGE_NEG = [
    "{a} is struggling to cope", "{c} is anxious", "{a} lacks insight into the impact of {pos_a} drinking",
    "{a} is not being honest about {pos_a} partner", "{a} is overwhelmed", "the risk to {c} remains high",
    "{a} is manipulative", "{c} is withdrawn", "{c} is being exploited", "{c} is emotionally neglected",
    "{a} is hostile to professionals", "{c} is frightened of {a2}", "{a} is chaotic", "{a} is low in mood",
    "{a} is not meeting {c}'s needs", "the home is not safe for a baby", "{a} is minimising what happened",
    "{c} is vulnerable", "{a} is disengaging from the plan", "{c} feels responsible for {pos} siblings",
    "{c} is not safe at home", "{a} does not understand the concerns", "{c} is unhappy at school",
    "{a} is controlling", "{c} is being bullied", "{a} is putting {pos_a} own needs first",
]
JUDGE_POS = [
    "{a} is doing really well", "{c} is settled", "{c} is a happy {kid}", "{c} is thriving in {pos} placement",
    "{c} is mature for {pos} age", "{c} has a strong bond with {a2}", "the risk to {c} has reduced",
    "{a} is a protective parent", "{a} is committed to making changes", "{c} is a bright, chatty {kid}",
    "{a} has made real progress", "{a} understands the concerns", "{c} understands why {pr} is in care",
    "{c} is a confident {kid}", "{c} is well cared for", "{c} is doing well at school", "{a} is engaging well",
    "{a} loves {c} very much", "things are much better at home", "{c} is more confident than before",
    "{a} is a warm and loving carer", "{c} is happier than {pr} was in the spring", "{a} is coping well",
]
OWN_NEUTRAL = [
    "In my view, {j}.", "I think {j}.", "I believe {j}.", "My assessment is that {j}.",
    "It is my professional opinion that {j}.", "I feel {j}.", "My view is that {j}.",
    "Personally, I think {j}.", "I would say {j}.", "In my professional judgement {j}.",
    "I have come to the view that {j}.", "My sense is that {j}.", "i think {j}",
    "As the allocated worker, I consider that {j}.", "From what I saw, I think {j}.",
    "I am of the view that {j}.", "I thought {jp}.", "My own view is that {j}.",
    "I'd say {j}.", "I have formed the view that {j}.",
]
OWN_NEG = [
    "I am worried that {j}.", "I'm concerned that {j}.", "I remain concerned that {j}.",
    "My worry is that {j}.", "I was concerned that {jp}.", "I fear that {j}.", "I am anxious that {j}.",
]
OWN_POS = [
    "I am confident that {j}.", "I was reassured that {jp}.", "I am pleased that {j}.",
    "I'm hopeful that {j}.", "I'm not convinced that {j}.", "I do not think {j}.",
]
BECAUSE_NEG = [
    "because {c} told me so", "given that {n} visits were missed", "because the fridge was empty again",
    "because {a} cancelled the last {n} visits", "because {c} has not been seen alone",
    "given the bruising I saw", "as there were {n} police callouts in {month}",
    "because attendance has dropped to {pct}%",
]
BECAUSE_POS = [
    "because {c} told me so", "as there have been no callouts since {month}",
    "as attendance has gone up to {pct}%", "because {a} has stopped drinking",
    "because {c} ran to {a} when I arrived", "as {a} has kept every appointment since {month}",
    "given how {c} talked about home", "because the home has had food and heating at every visit",
]
UNOWN_NEUTRAL = [
    "{J}.", "It is clear that {j}.", "It is evident that {j}.", "Clearly {j}.",
    "It is obvious that {j}.", "{J} at the moment.", "It would appear that {j}.",
    "There is no doubt that {j}.", "It is apparent that {j}.", "{j}", "{J} now.",
    "It is plain that {j}.", "Obviously {j}.",
]
UNOWN_NEG = ["Sadly {j}.", "Unfortunately {j}.", "{J}, which is worrying.", "{J}, which is a concern."]
UNOWN_POS = ["{J}, which is positive.", "Thankfully {j}.", "Happily {j}.", "{J}, which is good to see."]
FEELINGS_POS = ["happy", "relaxed", "content", "cheerful", "calm", "settled", "confident", "chatty", "at ease"]
FEELINGS_NEG = ["tired", "anxious", "low", "upset", "distracted", "angry", "nervous", "withdrawn", "flat",
                "agitated", "guarded", "defensive", "overwhelmed", "uncomfortable", "sad", "on edge"]
HEDGES = ["appeared", "seemed", "looked", "presented as", "came across as", "appeared to be",
          "seemed to be", "was observed to be"]
FEELINGS = ["tired", "anxious", "low", "happy", "relaxed", "upset", "distracted", "angry",
            "content", "nervous", "withdrawn", "flat", "cheerful", "agitated", "guarded",
            "defensive", "overwhelmed", "calm", "settled", "uncomfortable", "confident", "sad"]
OUTCOMES = [
    "No further concerns.", "No concerns noted.", "No concerns at this time.", "Risk is high.",
    "Risk remains high.", "Risk low.", "Risk has reduced.", "Overall a positive visit.",
    "Overall a difficult visit.", "Positive contact.", "Good visit.", "Things are going well.",
    "Progress is slow.", "Concerns remain.", "Significant concerns remain.", "Case stable.",
    "Situation improving.", "No safeguarding concerns.", "Home conditions good.",
    "Home conditions poor.", "Home conditions have deteriorated.", "Parenting good enough.",
    "Placement stable.", "Placement at risk of breakdown.", "Good progress made.",
    "Family doing well.", "All fine.", "Plan working well.", "No change.", "Things have got worse.",
    "Mum managing.", "Children well.", "Overall a mixed picture.",
]
LABELS_ABOUT = ["aggressive", "hostile", "manipulative", "attention-seeking", "non-compliant",
                "chaotic", "resistant", "lovely", "polite", "challenging", "needy", "difficult",
                "vulnerable", "resilient", "sensible", "mature", "immature", "defiant", "streetwise"]

# Other: plans, actions, administration, headings, hypotheses, questions, greetings.
PRO_ACTIONS = [
    "visit again", "ring the school", "send the minutes", "chase the GP letter",
    "complete the chronology", "book an interpreter", "refer the family to the food bank",
    "make a referral to CAMHS", "update the safety plan", "arrange a joint visit with police",
    "check with housing about the repair", "send Mum the contact rota", "share the plan with the school",
    "book the core group", "request police checks", "complete the body map", "see {c} alone",
    "speak to the health visitor", "write to Dad with the outcome", "arrange a family group conference",
    "send weekly attendance figures", "weigh the baby", "offer {c} a return home interview",
]
PARENT_ACTIONS = [
    "register with a dentist", "attend the parenting course", "take {c} to the optician",
    "ring the housing office about the damp", "keep the medication locked away", "collect {c} from school",
    "go to the GP about {pos} sleep", "make sure {c} is at school by 8.50am", "fit the stair gate",
    "tell the social worker about any new partner", "take {c} to the dentist", "attend the Tuesday group",
]
PRO_ACTORS = ["I", "SW", "The social worker", "The health visitor", "School", "The DSL",
              "The family support worker", "The IRO", "TM", "Duty", "The school nurse", "Police",
              "The advocate", "The youth worker", "Housing", "The early help worker"]
PARENT_ACTORS = ["Mum", "Dad", "Gran", "The carer", "Nan", "The foster carer", "Mr Novak", "Ms Costa"]
HEADINGS = [
    "Next steps", "Actions", "Plan", "Analysis", "Child's voice", "Observations", "Purpose of visit",
    "Background", "Home conditions", "Health", "Education", "What are we worried about",
    "What is working well", "What needs to happen", "Present", "Apologies", "Outcome",
    "Recommendation", "Contingency plan", "Summary", "Reason for referral", "Decision",
    "Agenda", "Any other business", "Safety plan", "Reflections", "Voice of the child",
    "Family time", "Risks", "Strengths", "Chronology", "Identity", "Contacts",
]
ADMIN_DOCS = ["Consent form", "Referral", "Letter", "Assessment", "Minutes", "Invitation",
              "Safety plan", "Closure letter", "Body map", "Agenda", "Report", "Child in need plan",
              "Section 47 outcome letter", "Care plan", "Pathway plan", "Strategy record"]
ADMIN_VERBS = ["sent to", "emailed to", "posted to", "shared with", "given to", "uploaded for",
               "copied to", "handed to"]
ADMIN_TO = ["Mum", "Dad", "the school", "the GP", "the parents", "the IRO", "legal", "the carers",
            "the health visitor", "all agencies", "the police", "the core group"]
ADMIN_EVENTS = [
    "Case allocated to {w}", "Case transferred to the Children in Care team", "Strategy discussion held",
    "Referral received from {agency}", "Case closed to Early Help", "ICPC booked",
    "Core group held", "Review child protection conference held", "MASH checks completed",
    "Legal planning meeting held", "Case stepped down to CIN", "Return home interview offered",
    "Family group conference booked", "Child in need review held", "Assessment authorised",
    "Case opened", "Contact arrangements confirmed by letter", "Supervision held",
]
AGENCIES = ["school", "police", "the GP", "the health visitor", "the hospital", "a neighbour",
            "the nursery", "the housing provider", "the ambulance service", "the probation service"]
WORKERS = ["Sam Ali", "Priya Nair", "Joanne Clarke", "Marek Zielinski", "Femi Adebayo",
           "Rachel Green", "Hannah Moss", "Tariq Mahmood", "Chloe Evans", "Daniel Osei",
           "Beth Lloyd", "Gurinder Sandhu", "Claire Walsh", "Kemi Ojo"]
HYPOTHESES = [
    "{c}'s absences are linked to bullying", "Mum's partner is staying at the flat",
    "the bruise was caused accidentally during play", "Dad's drinking gets worse when he is out of work",
    "{c} is being told what to say", "the weight loss has a medical cause",
    "{c}'s behaviour is a response to the move", "Mum is frightened of her partner",
    "the family are avoiding visits because of debt", "{c} is caring for {pos} siblings",
    "{c} is being exploited by older young people", "the marks are from a skin condition",
]
HYP_FRAMES = [
    "One hypothesis is that {h}.", "Another possibility is that {h}.", "We discussed whether {h}.",
    "Hypothesis: {h}.", "An alternative explanation is that {h}.", "We considered whether {h}.",
    "It is possible that {h}; this needs testing.", "Question for supervision: is it the case that {h}?",
    "We need to explore whether {h}.", "Could it be that {h}?", "Working hypothesis: {h}.",
    "Discussed in supervision whether {h}.",
]
QUESTIONS = [
    "Who else lives at the address?", "Has {c} been seen by a doctor?", "What does {c} want?",
    "Is Dad aware of the plan?", "When did {a} last see the GP?", "Who collects {c} from school?",
    "Has the referral been sent?", "What would make things better for {c}?",
    "Is the stair gate being used?", "Does {c} have a bed of {pos} own?",
    "Can Gran manage the school run?", "Why were the visits cancelled?",
]
DECISIONS = [
    "the next core group would be on {date}", "{c} would remain on a child protection plan",
    "the plan would step down to child in need", "contact would move to Saturdays",
    "Dad would not stay overnight", "the case would be closed", "the school would send weekly updates",
    "a family group conference would be arranged", "the health visitor would weigh the baby fortnightly",
    "Gran would collect {c} on Mondays", "the review would be brought forward", "a referral to CAMHS would be made",
]

# Things a writer can see and set down as fact.
OBJ_NEG = [
    "three empty vodka bottles by the bin", "a kitchen knife on the windowsill in the children's room",
    "a lock on the outside of the bedroom door", "tablets on the coffee table", "a hole punched in the bedroom door",
    "no mattress on the bed in the boys' room", "a cannabis grinder on the arm of the sofa",
    "a broken window in the kitchen", "the smoke alarm hanging off the ceiling", "a pile of unopened bailiff letters",
    "wet nappies on the bathroom floor", "used needles in a carrier bag in the bathroom",
    "a red patch of damp behind the cot", "a pushchair with a broken wheel and no straps",
]
OBJ_POS = [
    "a new cot made up with a fitted sheet", "a child's drawing on the fridge", "a stair gate at the top of the stairs",
    "a fridge with milk, cheese and ham", "a calendar with the school run and appointments written on it",
    "medication locked in a box on top of the wardrobe", "a new bed and wardrobe in the girls' room",
    "a chart on the fridge with the children's bedtimes", "a working smoke alarm in the hallway",
    "the children's reading books on the table with their homework",
]
OBJECTS_SEEN = OBJ_NEG + OBJ_POS
ADULT_ACTIONS = [
    "made {c} a sandwich and cut it into triangles", "shouted at {c} to go upstairs",
    "sat on the floor and played cards with {c}", "checked {c}'s homework diary",
    "held {c}'s hand when we crossed the road", "did not look up from {pos_a} phone",
    "put {c}'s coat on before going outside", "swore at me and left the room",
    "gave {c} a cuddle when {pr} cried", "ignored {c} when {pr} asked for a drink",
    "lit a cigarette next to {c}", "brushed {c}'s hair and tied it back", "went upstairs and did not come back down",
    "kept answering for {c} when I asked {obj} questions", "told {c} {pr} was stupid",
    "praised {c} for tidying the toys", "warmed a bottle in a jug of hot water", "fell asleep on the sofa",
]

DATES = ["{d}/{m:02d}/24", "{d:02d}.{m:02d}.24", "{d} {mon} 24", "{d:02d}/{m:02d}/2024"]

# Record types allowed for each family.
RT_VISIT = ["visit", "visit", "case_note", "assessment"]
RT_ANY_NOTE = ["case_note", "visit", "assessment", "plan", "meeting", "chronology", "closure", "supervision"]


def dump(row: dict) -> str:
    return json.dumps(row, ensure_ascii=False)


class Gen:
    def __init__(self, seed: int) -> None:
        self.r = random.Random(seed)

    # -- helpers --------------------------------------------------------------
    def pick(self, seq):
        return self.r.choice(seq)

    def child(self):
        """(name, subject pronoun, object pronoun, possessive, noun)."""
        if self.r.random() < 0.5:
            return self.pick(GIRLS), "she", "her", "her", "girl"
        return self.pick(BOYS), "he", "him", "his", "boy"

    def adult(self):
        """(name or role, subject pronoun, possessive)."""
        a = self.pick(PARENTS)
        male = any(w in a for w in ["Dad", "Grandad", "Uncle", "Mr ", "stepdad"]) and "Dad's partner" != a
        fem = any(w in a for w in ["Mum", "mum", "Gran", "Nan", "Auntie", "Ms ", "Mrs ", "Grandma"])
        if male:
            return a, "he", "his"
        if fem:
            return a, "she", "her"
        return a, "they", "their"

    def date(self):
        m = self.r.randint(1, 12)
        d = self.r.randint(1, 28)
        return self.pick(DATES).format(d=d, m=m, mon=MONTHS[m - 1][:3])

    @staticmethod
    def cap(s: str) -> str:
        return s[:1].upper() + s[1:]

    def noise(self, s: str) -> str:
        """Case-note realism: occasional lowercase, dropped full stop or one typo."""
        x = self.r.random()
        if x < 0.05:
            s = s.lower()
        elif x < 0.09 and s.endswith("."):
            s = s[:-1]
        elif x < 0.13:
            words = s.split(" ")
            idx = [i for i, w in enumerate(words) if len(w) > 5 and w.isalpha() and w.islower()]
            if idx:
                i = self.pick(idx)
                w = words[i]
                j = self.r.randint(1, len(w) - 3)
                words[i] = w[:j] + w[j + 1] + w[j] + w[j + 2:]
                s = " ".join(words)
        return s

    def fill(self, template: str, **extra) -> str:
        c, pr, obj, pos, kid = self.child()
        a, pr_a, pos_a = self.adult()
        a2, _, _ = self.adult()
        while a2.lower() == a.lower():
            a2, _, _ = self.adult()
        slots = dict(
            c=c, pr=pr, obj=obj, pos=pos, kid=kid, a=a, pr_a=pr_a, pos_a=pos_a, a2=a2,
            adult=self.pick(["Mum", "Dad", "Gran", "the carer", "Nan", "Auntie Fola", "Grandad"]),
            n=self.r.randint(2, 9), pct=self.r.randint(62, 99), cent=self.pick([2, 9, 25, 50, 75]),
            money=self.pick(["850", "1,240", "2,100", "3,600", "460"]),
            month=self.pick(MONTHS), day=self.pick(DAYS), date=self.date(), body=self.pick(BODY),
            friend=self.pick(GIRLS + BOYS), w=self.pick(WORKERS), agency=self.pick(AGENCIES),
        )
        slots.update(extra)
        out = template
        for _ in range(3):  # nested slots (e.g. an activity that names {adult})
            if "{" not in out:
                break
            out = out.format(**slots)
        return out

    def judgement(self, polarity: str, past: bool = False) -> str:
        pool = JUDGE_NEG if polarity == "neg" else JUDGE_POS
        j = self.fill(self.pick(pool))
        if past:
            for x, y in [(" is ", " was "), (" has ", " had "), (" lacks ", " lacked "), (" loves ", " loved "),
                         (" understands ", " understood "), (" feels ", " felt "), (" are ", " were "),
                         (" remains ", " remained "), (" does not ", " did not ")]:
                j = j.replace(x, y)
        return j

    def prof(self) -> str:
        p = self.pick(PROFS)
        # "the DSL, Mr Hussain" needs a closing comma before a verb
        if ", " in p:
            p += ","
        return p

    # -- observed ---------------------------------------------------------------
    def observed(self):
        k = self.r.randrange(13)
        if k == 0:
            c, pr, obj, pos, kid = self.child()
            t = self.pick([
                "I saw {m} on {c}'s {b}.", "{c}'s {b}: {m}, seen by me at {t}.",
                "I saw {m} on {pos} {b} when {c} took {pos} jumper off.",
                "Seen by SW: {m} on {c}'s {b}.", "When I looked at {c}'s {b} I saw {m}.",
            ]).format(m=self.pick(MARKS), c=c, b=self.pick(BODY), t=self.pick(TIMES), pos=pos)
            return t, self.pick(RT_VISIT + ["chronology"])
        if k == 1:
            group = self.pick(list(ROOM_GROUPS))
            room = self.pick([r for r in ROOM_GROUPS[group] if not r.startswith("The ")])
            if self.r.random() < 0.5:
                w, d = self.pick(PLACE_WORDS_NEG), self.r.sample(DETAIL_NEG[group], 2)
            else:
                w, d = self.pick(PLACE_WORDS_POS), self.r.sample(DETAIL_POS[group], 2)
            t = self.pick(["{r} {w}, {d1}, {d2}.", "{r} {w}: {d1} and {d2}.", "{r} was {w}; {d1}, {d2}.",
                           "{r} {w} - {d1}, {d2}", "{r}: {d1}, {d2}."]).format(r=room, w=w, d1=d[0], d2=d[1])
            return t, self.pick(["visit", "visit", "case_note"])
        if k == 2:
            c, pr, obj, pos, kid = self.child()
            act = self.pick(ACTIVITIES).replace(" his ", f" {pos} ").replace(" her ", f" {pos} ")
            t = self.pick([
                "When I arrived at {t}, {c} was {a}.", "{c} was {a} when I got there.",
                "On arrival ({t}) {c} was {a}.", "I arrived at {t}; {c} was {a}.",
            ]).format(t=self.pick(TIMES), c=c, a=act, adult="{adult}")
            return self.fill(t), self.pick(RT_VISIT)
        if k == 3:
            name, pr = self.pick(INFANTS)
            pos, obj, self_ = ("her", "her", "herself") if pr == "she" else ("his", "him", "himself")
            adult = self.pick(["Mum", "Dad", "Gran", "the foster carer", "Nan", "the carer", "Grandad"])
            beh = self.pick(INFANT_BEHAVIOUR).format(adult=adult, pos=pos, obj=obj, self=self_)
            t = self.pick(["{n} {age} {b}.", "{n} {b}.", "{n} {age} {b} during the visit.",
                           "During the visit {n} {b}.", "I saw {n} {age} {b}."]).format(
                n=name, age=self.pick(INFANT_AGES), b=beh)
            return self.cap(t), self.pick(RT_VISIT + ["plan", "closure", "meeting"])
        if k == 4:
            foods = self.r.sample(FOOD, self.r.randint(2, 4))
            t = self.pick([
                "The fridge had {f}.", "Cupboards: {f}.", "Fridge contained {f}.",
                "I looked in the fridge and saw {f}.", "The kitchen cupboards had {f} in them.",
                "Food in the house: {f}.",
            ]).format(f=", ".join(foods[:-1]) + " and " + foods[-1])
            return t, self.pick(["visit", "visit", "case_note"])
        if k == 5:
            t = self.pick(["I saw {o}.", "I noticed {o}.", "On the visit I saw {o}.", "Seen: {o}."]).format(
                o=self.pick(OBJECTS_SEEN))
            return t, self.pick(RT_VISIT)
        if k == 6:
            a, pr_a, pos_a = self.adult()
            t = self.pick(["{A} {act}.", "During the visit {a} {act}.", "I watched as {a} {act}.",
                           "While I was there, {a} {act}."]).replace("{act}", self.pick(ADULT_ACTIONS))
            return self.cap(self.fill(t, A=self.cap(a), a=a, pos_a=pos_a)), self.pick(RT_VISIT + ["meeting"])
        if k == 7:
            c, pr, obj, pos, kid = self.child()
            t = self.pick([
                "I spoke with {c} alone {p} for {n} minutes.", "I saw {c} on {pos} own {p}.",
                "Spoke to {c} alone {p}.", "I saw {c} {p} with {a} present.", "I met {c} {p} at {t}.",
            ]).format(c=c, p=self.pick(PLACES_CHILD).replace(" her ", f" {pos} "), n=self.r.randint(10, 45),
                      pos=pos, a=self.pick(["Mum", "Dad", "the carer", "Gran"]), t=self.pick(TIMES))
            return t, self.pick(["visit", "case_note", "plan", "assessment", "closure"])
        if k == 8:
            s = self.pick(SOUNDS)
            t = self.pick(["I could hear {s} from {p}.", "I heard {s} {p2} as I arrived.",
                           "{S} could be heard from upstairs throughout the visit."]).format(
                s=s, S=self.cap(s), p=self.pick(["upstairs", "the flat next door", "the back bedroom", "inside"]),
                p2=self.pick(["inside", "upstairs", "in the flat", "behind the door"]))
            return t, self.pick(["visit", "case_note"])
        if k == 9:
            act = self.pick(ACTIVITIES).replace(" his ", " your ").replace(" her ", " your ").replace(
                "{adult}", self.pick(["your carer", "Nan", "your brother", "Auntie Fola"]))
            t = self.pick(["You were {a} when I arrived.", "When I came to see you, you were {a}.",
                           "You were {a} when I visited on {d}.", "On {d} I came to see you {p}."])
            t = t.format(a=act, d=self.pick(DAYS),
                         p=self.pick(["at school", "at your foster home", "at Nan's", "at the youth club"]))
            return t, "letter"
        if k == 10:
            group = self.pick(list(ROOM_GROUPS))
            x = self.pick(DETAIL_NEG[group] + DETAIL_POS[group])
            t = self.pick(["{d} – SW visited; {x}.", "{d}: home visit by SW, {x}.", "{d} - SW saw the children; {x}."]
                          ).format(d=self.date(), x=x)
            return t, "chronology"
        if k == 11:
            c, pr, obj, pos, kid = self.child()
            t = self.pick([
                "{c} did not speak to me and kept {pos} eyes on the floor.",
                "{c} ran upstairs when {pr} saw me.", "{c} hugged {a} when I left.",
                "{c} ate two bowls of cereal while I was there.",
                "{c} was wearing shorts and a t-shirt and it was 4 degrees outside.",
                "{c} sat next to {a} and held {a}'s hand throughout.",
                "{c} showed me {pos} school reading book and read two pages aloud.",
                "{c} cried when I mentioned {pos} dad.", "{c} laughed at my jokes and asked me to stay for tea.",
                "{c} had a black eye, the left one, swollen and purple.",
                "{c}'s shoes were two sizes too small; {pos} toes were at the end.",
            ])
            return self.fill(t, c=c, pr=pr, pos=pos, a=self.pick(["Mum", "Dad", "Nan", "the carer", "Gran"])), \
                self.pick(RT_VISIT + ["closure", "plan"])
        # writer's own checks and calls: what the writer did
        t = self.pick([
            "I phoned {a} at {t}; no answer.", "I knocked at {t} and waited {n} minutes; no one came to the door.",
            "I checked all the rooms with {a}.", "I rang {a} at {t} and we spoke for {n} minutes.",
            "I drove {c} to school and we talked on the way.", "I asked {a} to show me where the baby sleeps.",
        ])
        return self.fill(t, a=self.pick(["Mum", "Dad", "the carer", "Gran", "Mr Novak", "Ms Costa"]),
                         t=self.pick(TIMES), n=self.r.randint(5, 20)), self.pick(["case_note", "visit"])

    # -- reported ---------------------------------------------------------------
    def reported(self):
        k = self.r.randrange(9)
        if k in (0, 1, 2):
            p = self.prof()
            v = self.pick(PROF_VERBS)
            content = self.fill(self.pick(PROF_CONTENT))
            that = "" if v.endswith("to say") or (v in ("told me", "feels", "thinks", "believes") and self.r.random() < 0.5) else " that"
            if self.r.random() < 0.2:
                t = "According to {p} {x}.".format(p=p if p.endswith(",") else p + ",", x=content)
            else:
                t = "{P} {v}{that} {x}.".format(P=self.cap(p), v=v, that=that, x=content)
            return t, self.pick(["case_note", "assessment", "meeting", "supervision", "chronology", "plan", "closure"])
        if k == 3:
            c, pr, obj, pos, kid = self.child()
            view = self.fill(self.pick(CHILD_VIEWS), pr=pr, pos=pos, obj=obj)
            t = "{c} {v} {x}.".format(c=c, v=self.pick(CHILD_SPEECH).format(pos=pos), x=view)
            return t, self.pick(["visit", "case_note", "assessment", "plan", "closure", "meeting"])
        if k == 4:
            c, pr, obj, pos, kid = self.child()
            q = self.pick(CHILD_QUOTES)
            v = self.pick(QUOTE_SPEECH).format(pos=pos)
            t = self.pick(['{c} {v} "{q}."', '{c} {v}: "{q}".', '"{Q}," {c} {v}.', "{c} {v} '{q}'.",
                           '{c} {v} “{q}”.']).format(c=c, v=v, q=q, Q=self.cap(q))
            return t, self.pick(["visit", "case_note", "assessment", "meeting"])
        if k == 5:
            a, pr_a, pos_a = self.adult()
            x = self.fill(self.pick(ADULT_CONTENT), pr_a=pr_a, pos_a=pos_a)
            v = self.pick(ADULT_VERBS)
            if v.endswith("that"):
                t = "{A} {v} {x}.".format(A=self.cap(a), v=v, x=x)
            else:
                t = self.pick(["{A} {v} {x}.", "{A} {v} that {x}.", "According to {a}, {x}."]).format(
                    A=self.cap(a), a=a, v=v, x=x)
            return t, self.pick(RT_VISIT + ["meeting", "plan"])
        if k == 6:
            view = self.fill(self.pick(CHILD_VIEWS), pr="you", pos="your", obj="you")
            for x, y in [("you is", "you are"), ("you doesn't", "you don't"), ("you wants", "you want"),
                         ("you misses", "you miss"), ("you likes", "you like"), ("you hates", "you hate"),
                         ("you gets", "you get"), ("you feels", "you feel"), ("you worries", "you worry"),
                         ("you loves", "you love"), ("you sleeps", "you sleep"), ("you has", "you have"),
                         ("you was", "you were"), ("you would", "you would"), ("you lives", "you live")]:
                view = view.replace(x, y)
            y = self.pick(["you have been doing your homework every night", "you scored a goal on Saturday",
                           "you have made a new friend", "you were upset after the phone call",
                           "you are sleeping better", "you have been late three times",
                           "you seem happier since Easter", "you are a pleasure to teach"])
            t = self.pick(["You told me {x}.", "You said {x}.", "You explained that {x}.",
                           "Your carer told me {y}.", "Your teacher said {y}.", "Nan told me {y}."]).format(x=view, y=y)
            return t, "letter"
        if k == 7:
            t = "{d} – {ag} reported {x}.".format(d=self.date(), ag=self.cap(self.pick(AGENCIES)),
                                                  x=self.fill(self.pick(PROF_CONTENT)))
            return t, "chronology"
        # other people's opinions are reported, not the writer's
        role = self.pick(["chair", "IRO", "health visitor", "school", "DSL", "GP", "advocate",
                          "police representative", "youth worker", "school nurse", "foster carer", "teacher"])
        x = self.judgement(self.pick(["neg", "pos"])) if self.r.random() < 0.6 else self.fill(self.pick(PROF_CONTENT))
        t = self.pick([
            "The {r} reported that {x}.", "The {r} felt that {x}.", "The {r} told the meeting {x}.",
            "The {r} said {x}.", "In the {r}'s view, {x}.", "The {r} is of the opinion that {x}.",
            "The {r} thinks {x}.", "The {r} was clear that {x}.",
        ]).format(r=role, x=x)
        return t, self.pick(["meeting", "meeting", "case_note", "supervision", "assessment"])

    # -- opinion_attributed -----------------------------------------------------
    def opinion_attributed(self):
        k = self.r.randrange(6)
        if k <= 2:
            pol = self.pick(["neg", "pos"])
            frame = self.pick(OWN_NEUTRAL + (OWN_NEG if pol == "neg" else OWN_POS))
            t = frame.format(j=self.judgement(pol), jp=self.judgement(pol, past=True))
            no_reason = frame.startswith(("I'm not convinced", "I do not think"))
            if not no_reason and self.r.random() < 0.35 and t.endswith("."):
                t = t[:-1] + " " + self.fill(self.pick(BECAUSE_NEG if pol == "neg" else BECAUSE_POS)) + "."
            return (t if t.startswith("i think") else self.cap(t)), self.pick(RT_ANY_NOTE)
        if k == 3:
            t = self.pick([
                "I think you are {q}.", "I am proud of {q2}.", "I think you have been {q}.",
                "In my view you are {q}.", "I was really pleased to see {q3}.",
                "I believe you are {q}.", "I felt worried when you told me {q4}.",
            ]).format(q=self.pick(["really brave", "a great big brother", "very thoughtful", "a good friend",
                                   "brilliant at drawing", "working really hard", "kind to your sister", "funny"]),
                      q2=self.pick(["you for telling me", "how hard you tried in your exams",
                                    "you for going to school every day", "how you looked after your brother"]),
                      q3=self.pick(["you smiling", "your new bedroom", "you and your mum laughing", "your school report"]),
                      q4=self.pick(["you had not eaten", "you feel lonely", "the older boys scare you", "you can't sleep"]))
            return t, "letter"
        if k == 4:
            pol = self.pick(["neg", "pos"])
            b = self.fill(self.pick(["{c} told us so", "{n} visits were missed", "the bruising is unexplained",
                                     "attendance has dropped to {pct}%"] if pol == "neg" else
                                    ["{c} told us so", "there have been no callouts since {month}",
                                     "school attendance is at {pct}%", "{a} has kept every appointment"]))
            t = self.pick([
                "We agreed that {j} because {b}.", "We were worried that {jp}, as {b}.",
                "The core group and I agreed that {j} because {b}.", "We all felt that {jp} given that {b}.",
                "The IRO and I both think {j}, because {b}.",
            ]).format(j=self.judgement(pol), jp=self.judgement(pol, past=True), b=b)
            if pol == "pos":
                t = t.replace("We were worried that", "We were pleased that")
            return self.cap(t), self.pick(["meeting", "supervision", "plan", "assessment"])
        if self.r.random() < 0.5:
            e, o = self.pick(["worried", "shocked", "concerned", "alarmed", "upset"]), self.pick(OBJ_NEG)
        else:
            e, o = self.pick(["pleased", "relieved", "glad", "reassured"]), self.pick(OBJ_POS)
        t = self.pick(["I was {e} to see {o}.", "I was {e} when I saw {o}.", "Seeing {o} left me {e}.",
                       "I felt {e} after seeing {o}."]).format(e=e, o=o)
        return t, self.pick(RT_VISIT)

    # -- opinion_unattributed ---------------------------------------------------
    def opinion_unattributed(self):
        k = self.r.randrange(8)
        if k <= 2:
            pol = self.pick(["neg", "pos"])
            j = self.judgement(pol)
            frame = self.pick(UNOWN_NEUTRAL + (UNOWN_NEG if pol == "neg" else UNOWN_POS))
            t = frame.format(j=j, J=self.cap(j))
            return (t if frame == "{j}" else self.cap(t)), self.pick(RT_ANY_NOTE)
        if k == 3:
            who = self.pick([self.child()[0], self.adult()[0], self.child()[0]])
            group = FEELINGS_POS if self.r.random() < 0.5 else FEELINGS_NEG
            f1, f2 = self.r.sample(group, 2)
            t = self.pick(["{w} {h} {f}.", "{w} {h} {f} throughout.", "{w} {h} {f} and {f2}.",
                           "{w} {h} {f} today.", "{w} {h} quite {f} when we spoke."]).format(
                w=self.cap(who), h=self.pick(HEDGES), f=f1, f2=f2)
            return t, self.pick(RT_ANY_NOTE)
        if k == 4:
            return self.pick(OUTCOMES), self.pick(RT_ANY_NOTE)
        if k == 5:
            room = self.pick(ROOMS)
            w = self.pick(PLACE_WORDS_NEG + PLACE_WORDS_POS)
            t = self.pick(["{r} {w}.", "{r} was {w}.", "The {rl} was {w}.", "{r} very {w}.",
                           "{d} – {rl} {w}."]).format(r=room, rl=room.lower(), w=w, d=self.date())
            t = t.replace("very a mess", "a real mess").replace("very in ", "in ").replace("The home was", "Home was")
            return t, ("chronology" if "–" in t else self.pick(RT_VISIT))
        if k == 6:
            who = self.pick([self.child()[0], self.adult()[0]])
            lab = self.pick(LABELS_ABOUT)
            art = "an" if lab[0] in "aeiou" else "a"
            t = self.pick(["{w} is {l}.", "{w} can be very {l}.", "{w} is {l}.",
                           "{w} is known to be {l}.", "{w} is {art} {l} person.", "{w} has always been {l}."]).format(
                w=self.cap(who), l=lab, art=art)
            return t, self.pick(RT_ANY_NOTE)
        t = self.pick(["You seem {x}.", "You are {y}.", "You have been {y} lately.", "You were {x} when we met.",
                       "Things are going well for you at {p}."]).format(
            x=self.pick(["happier", "more settled", "a bit sad", "more confident", "worried", "tired", "calmer"]),
            y=self.pick(["doing really well", "a kind boy", "a clever girl", "much happier", "settled at Nan's",
                         "more grown up", "coping well", "a good friend to Ali"]),
            p=self.pick(["school", "Nan's", "your new home", "college"]))
        return t, "letter"

    # -- other ------------------------------------------------------------------
    def other(self):
        k = self.r.randrange(10)
        if k <= 1:
            if self.r.random() < 0.6:
                actor, act = self.pick(PRO_ACTORS), self.fill(self.pick(PRO_ACTIONS))
            else:
                actor, act = self.pick(PARENT_ACTORS), self.fill(self.pick(PARENT_ACTIONS))
            when = self.pick(["by Friday", "on " + self.date(), "within 5 working days", "next week",
                              "by " + self.pick(MONTHS), "tomorrow", "today", "before the next core group",
                              "by the end of the month", "on " + self.pick(DAYS), "ASAP", "ongoing", "TBC"])
            low = actor if actor in ("I",) or not actor.startswith("The ") else "the" + actor[3:]
            if actor == "I":
                t = self.pick(["I will {x} {w}.", "I will {x}.", "I'm going to {x} {w}."]).format(x=act, w=when)
            else:
                t = self.pick(["{A} will {x} {w}.", "{A} to {x} {w}.", "Action: {a} to {x} {w}.", "{A} to {x}.",
                               "- {a} to {x} {w}"]).format(A=actor, a=low, x=act, w=when)
            return t, self.pick(["plan", "visit", "case_note", "meeting", "supervision", "assessment", "closure"])
        if k == 2:
            h = self.pick(HEADINGS)
            return self.pick(["{h}:", "{h}:", "{H}:", "{h}"]).format(h=h, H=h.upper()), self.pick(RT_ANY_NOTE)
        if k == 3:
            t = self.pick(["{D} {v} {to} on {d}.", "{D} {v} {to}.", "{d} – {D} {v} {to}."]).format(
                D=self.pick(ADMIN_DOCS), v=self.pick(ADMIN_VERBS), to=self.pick(ADMIN_TO), d=self.date())
            return t, self.pick(["case_note", "chronology", "meeting", "closure"])
        if k == 4:
            e = self.fill(self.pick(ADMIN_EVENTS))
            t = self.pick(["{d} – {e}.", "{e} on {d}.", "{e}.", "{d}: {e}"]).format(d=self.date(), e=e)
            return t, self.pick(["chronology", "chronology", "case_note", "closure"])
        if k == 5:
            h = self.fill(self.pick(HYPOTHESES))
            return self.pick(HYP_FRAMES).format(h=h), self.pick(["supervision", "assessment", "meeting", "case_note"])
        if k == 6:
            return self.fill(self.pick(QUESTIONS)), self.pick(["supervision", "case_note", "assessment", "visit"])
        if k == 7:
            c = self.child()[0]
            t = self.pick(["Dear {c},", "Hi {c},", "Hello {c}!", "From {w}, your social worker",
                           "Best wishes, {w}", "I will come and see you again on {d}.",
                           "Next time I visit we can {p}.", "I am writing to tell you what happened at your review.",
                           "Your next meeting is on {d} at school.", "If you want to talk, ring me on 07700 900{n}."]).format(
                c=c, w=self.pick(WORKERS).split()[0], d=self.date(), n=self.r.randint(100, 999),
                p=self.pick(["go bowling", "work on your life story book", "make a plan for the summer", "go to the park"]))
            return t, "letter"
        if k == 8:
            t = self.pick(["It was agreed that {x}.", "Agreed: {x}.", "The meeting agreed that {x}.",
                           "Decision: {x}."]).format(x=self.fill(self.pick(DECISIONS)))
            return t, self.pick(["meeting", "meeting", "supervision", "plan"])
        roles = self.r.sample(["Mum", "Dad", "SW", "HV", "DSL", "IRO", "GP", "school nurse", "PC Gill",
                               "FSW", "carer", "advocate", "TM", "minute taker", "YOS"], 4)
        t = self.pick(["Present: {r}.", "Apologies: {r1}.", "Attendees: {r}.", "In attendance: {r}.",
                       "The meeting was held {pl} on {d}.", "Minute taker: {w}.", "Chair: {w}."]).format(
            r=", ".join(roles), r1=", ".join(roles[:2]), d=self.date(), w=self.pick(WORKERS),
            pl=self.pick(["at school", "at the family centre", "on Teams", "at the civic centre", "at the GP surgery"]))
        return t, "meeting"


def main() -> None:
    hand_bytes = HAND.read_bytes()
    hand_rows = [json.loads(line) for line in hand_bytes.decode("utf-8").splitlines() if line.strip()]
    seen = {r["text"].strip().lower() for r in hand_rows}

    g = Gen(SEED)
    out_rows = []
    for label in LABELS:
        made = 0
        tries = 0
        fn = getattr(g, label)
        while made < PER_LABEL:
            tries += 1
            if tries > PER_LABEL * 50:
                raise SystemExit(f"could not make {PER_LABEL} unique {label} sentences")
            text, rt = fn()
            text = " ".join(g.noise(text).split())
            key = text.lower()
            if not text or key in seen:
                continue
            seen.add(key)
            out_rows.append({"text": text, "label": label, "record_type": rt, "source": "template"})
            made += 1

    # Interleave labels so the file is not sorted by label.
    g.r.shuffle(out_rows)
    body = "".join(dump(r) + "\n" for r in out_rows)
    if not hand_bytes.endswith(b"\n"):
        hand_bytes += b"\n"
    OUT.write_bytes(hand_bytes + body.encode("utf-8"))
    print(f"{len(hand_rows)} hand + {len(out_rows)} template = {len(hand_rows) + len(out_rows)} -> {OUT.name}")


if __name__ == "__main__":
    main()
