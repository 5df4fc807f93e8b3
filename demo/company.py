"""The demo company's fixed facts: a Shenzhen service area, a product range, people's names.

Kept apart from the seeding logic so the story can be read (and changed) in one place.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class District:
    name: str
    lat: float
    lon: float
    streets: tuple[str, ...]


DISTRICTS = (
    District("Futian", 22.541, 114.055, ("Shennan Blvd", "Yitian Rd", "Caitian Rd", "Jintian Rd")),
    District("Luohu", 22.548, 114.131, ("Dongmen Rd", "Renmin South Rd", "Wenjin Rd", "Sungang Rd")),
    District("Nanshan", 22.533, 113.930, ("Nanhai Blvd", "Keyuan Rd", "Houhai Blvd", "Xuefu Rd")),
    District("Bao'an", 22.555, 113.884, ("Xin'an 6th Rd", "Bao'an Blvd", "Qianjin 2nd Rd", "Jian'an 1st Rd")),
    District("Longhua", 22.657, 114.030, ("Longhua Ave", "Minzhi Ave", "Meilong Rd", "Heping Rd")),
    District("Longgang", 22.720, 114.247, ("Longxiang Blvd", "Huangge Rd", "Shenhui Rd", "Longcheng Ave")),
)


@dataclass(frozen=True)
class Product:
    model: str
    skill: str
    warranty_years: int
    symptoms: tuple[str, ...]
    typical_duration_min: int


PRODUCTS = (
    Product("Aqara Smart Lock U200", "locks", 2,
            ("Fingerprint reader does not respond", "Motor grinds, bolt stops half-way",
             "Keypad backlight dead"), 45),
    Product("Xiaomi Smart Door Lock M20", "locks", 2,
            ("Lock reports low battery with new batteries", "Door does not latch after closing"), 45),
    Product("Hikvision DS-2CD2143 Camera", "cameras", 3,
            ("Camera offline since yesterday", "Night vision image is black"), 60),
    Product("Ezviz C6N Indoor Camera", "cameras", 2,
            ("Pan/tilt stuck", "Cannot join the Wi-Fi"), 40),
    Product("Aqara Hub M3 Gateway", "cameras", 2,
            ("Gateway keeps rebooting", "Zigbee devices lost pairing"), 45),
    Product("Midea Smart Dishwasher V5", "appliances", 1,
            ("Does not drain", "Error E4 at start"), 75),
    Product("Haier Smart Washer EG10", "appliances", 1,
            ("Drum does not spin", "Leaks water at the door"), 90),
    Product("Gree Smart Split AC 1.5P", "hvac", 3,
            ("Blows warm air in cooling mode", "Indoor unit drips water"), 80),
    Product("Daikin Smart Thermostat", "hvac", 2,
            ("Display blank", "Room temperature reading off by 5 degrees"), 50),
    Product("Xiaomi Smart Switch Panel", "electrical", 2,
            ("Switch does not control the light", "Panel buzzes"), 40),
    Product("Yeelight Smart Lighting Kit", "electrical", 1,
            ("Lights flicker after dimming", "New lighting kit to install"), 60),
)

SKILLS = ("locks", "cameras", "appliances", "hvac", "electrical")

ENGINEER_NAMES = (
    "Li Wei", "Wang Fang", "Zhang Min", "Liu Yang", "Chen Jie", "Yang Lei", "Huang Xin",
    "Zhao Jun", "Wu Tao", "Zhou Hui", "Xu Ming", "Sun Qiang", "Ma Lin", "Zhu Hong", "Hu Bin",
    "Guo Ping", "He Yan", "Gao Peng", "Lin Na", "Luo Gang", "Zheng Hao", "Liang Yu",
    "Xie Dan", "Song Kai", "Tang Rui",
)

FAMILY_NAMES = ("Li", "Wang", "Zhang", "Liu", "Chen", "Yang", "Huang", "Zhao", "Wu", "Zhou",
                "Xu", "Sun", "Ma", "Zhu", "Hu", "Guo", "He", "Gao", "Lin", "Luo")
GIVEN_NAMES = ("Xiaoming", "Jing", "Lei", "Na", "Yan", "Hao", "Ting", "Bo", "Fei", "Qing",
               "Rui", "Mei", "Jun", "Lan", "Tao", "Yu")
