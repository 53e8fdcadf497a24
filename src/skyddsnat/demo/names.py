"""Invented Swedish names, places and organisations for synthetic data (no real persons)."""

from __future__ import annotations

import random

# fmt: off
GIRL_NAMES = (
    "Alice", "Alma", "Astrid", "Agnes", "Ebba", "Elsa", "Ella", "Ellen", "Elvira", "Emma",
    "Freja", "Hedda", "Ida", "Ines", "Iris", "Juni", "Klara", "Leah", "Lilly", "Linnea", "Lo",
    "Maja", "Majken", "Meja", "Moa", "Nellie", "Nora", "Olivia", "Saga", "Selma", "Signe",
    "Sigrid", "Stella", "Svea", "Tilde", "Tyra", "Vera", "Vilma", "Wilma", "Sara", "Hanna",
    "Amira", "Yasmin", "Leila", "Aisha", "Nadia", "Sofia", "Julia", "Elin", "Tindra", "Siri",
    "Lova", "Edith", "Greta", "Märta", "Ester", "Hilma", "Ronja"
)

BOY_NAMES = (
    "Adam", "Alexander", "Alfred", "Ali", "Arvid", "Axel", "Charlie", "Elias", "Elliot", "Emil",
    "Erik", "Frans", "Gustav", "Harry", "Hugo", "Isak", "Ivar", "Jack", "Leo", "Liam", "Loke",
    "Love", "Lucas", "Ludvig", "Malte", "Matteo", "Melvin", "Milo", "Nils", "Noah", "Noel",
    "Olle", "Oliver", "Oscar", "Otto", "Sixten", "Sam", "Theo", "Theodor", "Valter", "Vincent",
    "Viggo", "William", "Omar", "Yusuf", "Ibrahim", "Mohammed", "Hassan", "Filip", "Anton",
    "Albin", "Edvin", "Melker", "Sigge", "Tage", "Ture", "Harald"
)

ADULT_WOMEN = (
    "Anna", "Eva", "Maria", "Karin", "Sara", "Lena", "Kristina", "Emma", "Malin", "Jenny",
    "Sofia", "Linda", "Hanna", "Johanna", "Camilla", "Elin", "Ida", "Jessica", "Therese",
    "Amanda", "Fatima", "Maryam", "Nour", "Susanne", "Helena", "Annika", "Petra", "Åsa", "Cecilia"
)

ADULT_MEN = (
    "Johan", "Anders", "Erik", "Lars", "Per", "Mikael", "Karl", "Peter", "Thomas", "Daniel",
    "Fredrik", "Andreas", "Jonas", "Marcus", "Niklas", "Mattias", "Stefan", "Henrik", "Magnus",
    "Martin", "Ahmed", "Mohamed", "Ali", "Jonathan", "Robin", "Tobias", "Kristoffer"
)

LAST_NAMES = (
    "Andersson", "Johansson", "Karlsson", "Nilsson", "Eriksson", "Larsson", "Olsson", "Persson",
    "Svensson", "Gustafsson", "Pettersson", "Jonsson", "Jansson", "Hansson", "Bengtsson",
    "Jönsson", "Lindberg", "Jakobsson", "Magnusson", "Olofsson", "Lindström", "Lindqvist",
    "Lindgren", "Berg", "Axelsson", "Bergström", "Lundberg", "Lind", "Lundgren", "Lundqvist",
    "Mattsson", "Berglund", "Fredriksson", "Sandberg", "Henriksson", "Forsberg", "Sjöberg",
    "Wallin", "Engström", "Eklund", "Danielsson", "Lundin", "Håkansson", "Björk", "Bergman",
    "Gunnarsson", "Holm", "Wikström", "Samuelsson", "Isaksson", "Fransson", "Bergqvist",
    "Nyström", "Holmberg", "Arvidsson", "Löfgren", "Söderberg", "Nyberg", "Blomqvist", "Claesson",
    "Nordström", "Mårtensson", "Lundström", "Ali", "Mohammed", "Ahmed", "Hassan", "Hussein",
    "Yilmaz", "Nordin", "Sundberg", "Strand", "Holmgren", "Hedlund", "Ekström", "Dahlberg",
    "Sundström", "Åberg", "Falk", "Ström", "Vikström", "Öberg"
)

STREETS = (
    "Storgatan", "Kyrkogatan", "Skolgatan", "Ekvägen", "Björkvägen", "Tallvägen", "Granvägen",
    "Ängsvägen", "Sjövägen", "Parkgatan", "Järnvägsgatan", "Nygatan", "Torggatan", "Backvägen",
    "Lärkstigen", "Vallgatan", "Solvägen", "Idrottsvägen"
)
# fmt: on

PLACE_STARTS = ("Norr", "Söder", "Väster", "Öster", "Sjö", "Ek", "Björk", "Lind", "Tall", "Gran",
                "Ängs", "Berg", "Strand", "Dal", "Holm")  # fmt: skip
PLACE_ENDS = ("by", "vik", "stad", "köping", "hamn", "torp", "åsen", "sjö", "näs", "fors")


def place(index: int) -> str:
    """Return an invented place name for ``index`` (0, 1, …): Norrby, Söderby, …"""
    starts, ends = len(PLACE_STARTS), len(PLACE_ENDS)
    name = PLACE_STARTS[index % starts] + PLACE_ENDS[(index // starts) % ends]
    return name if index < starts * ends else f"{name} {index // (starts * ends) + 1}"


#: A number the Swedish Post and Telecom Authority (PTS) reserves for use in fiction.
FICTION_PHONE = "031-390 06 00"

#: The fictional municipality's organisations that send reports.
ORGANISATIONS: dict[str, tuple[str, ...]] = {
    "police": ("Polisen, lokalpolisområde Exempelby", "Polisen, region Mitt"),
    "school": ("Ekbackens skola", "Exempelby högstadieskola", "Sjöviksskolan", "Gymnasiet Forum"),
    "preschool": ("Förskolan Solrosen", "Förskolan Lärkan", "Förskolan Myran"),
    "health_care": ("Vårdcentralen Centrum", "Barnavårdscentralen Exempelby", "Akutmottagningen"),
    "child_psychiatry": ("BUP Exempelby",),
    "dental_care": ("Folktandvården Exempelby",),
    "social_services": ("Vuxenenheten, Exempelby kommun", "Ekonomiskt bistånd, Exempelby kommun"),
    "other_municipality": ("Socialtjänsten i Grannby", "Socialtjänsten i Sjöstad"),
    "other": ("Migrationsverket", "Kriminalvården"),
}


def girl(rng: random.Random) -> str:
    return rng.choice(GIRL_NAMES)


def boy(rng: random.Random) -> str:
    return rng.choice(BOY_NAMES)


def child_first_name(sex: str, rng: random.Random) -> str:
    if sex == "girl":
        return girl(rng)
    if sex == "boy":
        return boy(rng)
    return rng.choice(GIRL_NAMES + BOY_NAMES)


def adult_first_name(sex: str, rng: random.Random) -> str:
    return rng.choice(ADULT_WOMEN if sex == "girl" else ADULT_MEN)


def last_name(rng: random.Random) -> str:
    return rng.choice(LAST_NAMES)


def address(rng: random.Random) -> str:
    return f"{rng.choice(STREETS)} {rng.randint(1, 60)}, 999 {rng.randint(10, 99)} Exempelby"


def mobile(n: int) -> str:
    """Return one of the mobile numbers PTS reserves for fiction (070-174 06 05 … 99)."""
    return f"070-174 06 {5 + n % 95:02d}"


def organisation(category: str, rng: random.Random) -> str:
    options = ORGANISATIONS.get(category)
    return rng.choice(options) if options else ""
