"""A synthetic multi-agency export of any size, for benchmarks (never real data).

    python bench/corpus.py OUT_DIR --cases 2000 --notes 20 --words 60 [--seed 1]

Writes social_care.csv, health.csv and police.csv keyed on one child id, so cases merge across
files as in a real export. Notes are built from many sentence templates with varied names,
places, dates and numbers, so repeated strings do not flatter caches; about one case in six has a
demographic gap and the notes carry the indicators, intentions and responses the rules read.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import random
from pathlib import Path

FIRST = [
    "Zara",
    "Tyler",
    "Amelie",
    "Kofi",
    "Priya",
    "Jayden",
    "Ruby",
    "Oskar",
    "Lily",
    "Idris",
    "Maisie",
    "Theo",
    "Hana",
    "Callum",
    "Nia",
    "Reuben",
    "Skye",
    "Archie",
    "Poppy",
    "Leon",
]
ADULT = ["Dean", "Wayne", "Lisa", "Gemma", "Kerry", "Marcus", "Imran", "Agata", "Piotr", "Ruth"]
PLACES = [
    "the park",
    "a friend's flat",
    "the town centre",
    "the bus station",
    "her nan's",
    "the shopping centre",
    "a party",
    "the canal path",
    "school",
    "the youth club",
]
SERVICES = [
    "CAMHS",
    "MASH",
    "Early Help",
    "the school nurse",
    "the Young Carers service",
    "the IDVA service",
    "the Exploitation Hub",
    "the 16+ team",
    "the GP",
    "police",
]
ROLES = ["SW", "HV", "DSL", "School Nurse", "Family Practitioner", "PC", "DS"]
TEMPLATES = [
    '{child} was seen alone at {place} and said "{quote}".',
    "Home visit: {child} and {adult} present; the house was {state}.",
    "{child} told me she has been {feeling} since {month}.",
    "No concerns about {topic} were raised by school this week.",
    "{adult} reported that {child} came home late from {place} with a new phone.",
    "Plan: {role} to contact {service} by {due}; {role2} to visit within {n} weeks.",
    "Referral made to {service} at {time}, reference {ref}.",
    "{role} will refer to {service} if {child}'s mood does not improve.",
    "Strategy discussion held with police and the named nurse about {topic}.",
    "{child} attended A&E at {time} after taking {n} tablets; CAMHS to assess tomorrow.",
    "Return home interview completed after {child} was missing overnight from {place}.",
    "{adult} said there was domestic abuse between her and {adult2} on {weekday}.",
    "Safety plan reviewed with {child} and shared with {service}.",
    "{child} is believed to be in contact with older males from {place}.",
    "Attendance this term is {n}0%; {role} discussed a soft start with {adult}.",
    "Mum has a history of {topic} and is now supported by {service}.",
    "Chronology updated and shared with the core group on {date}.",
    "{child} presented well and no concerns were raised by {adult}.",
]
QUOTES = [
    "I just want the shouting to stop",
    "school is better now",
    "I don't want to go home",
    "nobody listens to me",
    "I like it at nan's",
    "I'm fine, honestly",
    "it was my fault",
]
STATES = ["cold and cluttered", "warm and tidy", "very cold", "busy but calm", "without food"]
FEELINGS = ["low", "anxious at night", "cutting her arms", "not sleeping", "angry at home"]
TOPICS = ["self-harm", "CSE", "county lines", "domestic abuse", "substance misuse", "neglect"]
ETHNICITY = ["WBRI", "MWBC", "AIND", "APKN", "BAFR", "WOTH", "NOBT", "", "REFU", "CHNE"]
LANGUAGE = ["English", "English", "English", "Polish", "Urdu", "Somali", "", "Bengali"]
RELIGION = ["None", "Christian", "Muslim", "Hindu", "", "Unknown", "No religion"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "September"]


def sentence(rng: random.Random, child: str, when: dt.date) -> str:
    fill = {
        "child": child, "adult": rng.choice(ADULT), "adult2": rng.choice(ADULT),
        "place": rng.choice(PLACES), "quote": rng.choice(QUOTES), "state": rng.choice(STATES),
        "feeling": rng.choice(FEELINGS), "month": rng.choice(MONTHS), "topic": rng.choice(TOPICS),
        "role": rng.choice(ROLES), "role2": rng.choice(ROLES), "service": rng.choice(SERVICES),
        "due": f"{(when + dt.timedelta(days=rng.randint(3, 20))):%d/%m/%Y}",
        "n": rng.randint(2, 9), "time": f"{rng.randint(0, 23):02d}:{rng.randint(0, 59):02d}",
        "ref": f"{rng.choice('ABCDEFGH')}-{rng.randint(10000, 99999)}",
        "weekday": rng.choice(["Monday", "Friday", "Saturday", "Sunday"]),
        "date": f"{when:%d/%m/%Y}",
    }  # fmt: skip
    return rng.choice(TEMPLATES).format(**fill)


def note(rng: random.Random, child: str, when: dt.date, words: int) -> str:
    parts: list[str] = []
    while sum(len(p.split()) for p in parts) < words:
        parts.append(sentence(rng, child, when))
    return " ".join(parts)


def generate(out: Path, cases: int, notes: int, words: int, seed: int = 1) -> int:
    """Write the export; returns the number of words in its notes."""
    rng = random.Random(seed)
    out.mkdir(parents=True, exist_ok=True)
    agencies = {"social_care.csv": "Social Care", "health.csv": "Health", "police.csv": "Police"}
    handles = {name: (out / name).open("w", newline="", encoding="utf-8") for name in agencies}
    writers = {name: csv.writer(handle) for name, handle in handles.items()}
    header = ["Child ID", "Ethnicity", "First Language", "Religion", "Father", "Household",
              "Date of Birth", "Entry Date", "Agency", "Team", "Entry Type",
              "Case Note"]  # fmt: skip
    for writer in writers.values():
        writer.writerow(header)
    total = 0
    for number in range(cases):
        child_id = f"S{number:07d}"
        child = rng.choice(FIRST)
        born = dt.date(2006, 1, 1) + dt.timedelta(days=rng.randint(0, 4000))
        demographics = [rng.choice(ETHNICITY), rng.choice(LANGUAGE), rng.choice(RELIGION),
                        rng.choice(["", f"{rng.choice(ADULT)} {rng.choice(FIRST)}son"]),
                        rng.choice(["", f"Mum and {child}", f"Nan, {child} and two brothers"]),
                        f"{born:%d/%m/%Y}"]  # fmt: skip
        start = dt.date(2023, 1, 2) + dt.timedelta(days=rng.randint(0, 300))
        for index in range(notes):
            when = start + dt.timedelta(days=index * rng.randint(3, 20))
            name = rng.choice(list(agencies))
            text = note(rng, child, when, words)
            total += len(text.split())
            writers[name].writerow(
                [child_id, *demographics, f"{when:%d/%m/%Y} {rng.randint(8, 22):02d}:00",
                 agencies[name], "Duty", rng.choice(["Case Note", "Home Visit", "Contact"]), text]
            )  # fmt: skip
    for handle in handles.values():
        handle.close()
    return total


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--cases", type=int, default=2000)
    parser.add_argument("--notes", type=int, default=20)
    parser.add_argument("--words", type=int, default=25)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    words = generate(args.out, args.cases, args.notes, args.words, args.seed)
    print(f"{args.cases} cases, {args.cases * args.notes} notes, {words:,} words in {args.out}")


if __name__ == "__main__":
    main()
