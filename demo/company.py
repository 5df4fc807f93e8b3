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


@dataclass(frozen=True)
class DemoPart:
    sku: str
    name: str
    models: tuple[str, ...]
    unit_cost: str
    price: str
    serialized: bool = False
    returnable: bool = False
    reorder_point: int = 4


LOCKS = ("Aqara Smart Lock U200", "Xiaomi Smart Door Lock M20")
CAMERAS = ("Hikvision DS-2CD2143 Camera", "Ezviz C6N Indoor Camera")
PARTS_CATALOG = (
    DemoPart("LK-MOTOR-U200", "Lock motor assembly", LOCKS[:1], "68.00", "160.00", returnable=True),
    DemoPart("LK-FP-MOD", "Fingerprint reader module", LOCKS, "95.00", "220.00", serialized=True,
             returnable=True),
    DemoPart("LK-KEYPAD", "Keypad with backlight", LOCKS, "42.00", "110.00"),
    DemoPart("LK-LATCH", "Mortise latch", LOCKS, "35.00", "80.00", reorder_point=6),
    DemoPart("LK-BATT-PACK", "Lithium battery pack", LOCKS[1:], "28.00", "69.00", reorder_point=8),
    DemoPart("CAM-LENS-4MP", "4 MP lens module", CAMERAS[:1], "120.00", "260.00", serialized=True,
             returnable=True),
    DemoPart("CAM-IR-BOARD", "Infrared LED board", CAMERAS, "38.00", "95.00", returnable=True),
    DemoPart("CAM-PT-MOTOR", "Pan/tilt motor", CAMERAS[1:], "30.00", "85.00"),
    DemoPart("CAM-WIFI-MOD", "Wi-Fi module", CAMERAS, "25.00", "70.00", serialized=True),
    DemoPart("GW-MAINBOARD", "Hub M3 main board", ("Aqara Hub M3 Gateway",), "160.00", "340.00",
             serialized=True, returnable=True, reorder_point=2),
    DemoPart("GW-PSU-12V", "12 V power adapter", ("Aqara Hub M3 Gateway",), "18.00", "45.00"),
    DemoPart("AP-DRAIN-PUMP", "Drain pump", ("Midea Smart Dishwasher V5", "Haier Smart Washer EG10"),
             "85.00", "210.00", returnable=True),
    DemoPart("AP-CTRL-V5", "Dishwasher control board", ("Midea Smart Dishwasher V5",), "150.00", "330.00",
             serialized=True, returnable=True, reorder_point=2),
    DemoPart("AP-DOOR-SEAL", "Washer door seal", ("Haier Smart Washer EG10",), "40.00", "99.00"),
    DemoPart("AP-DRUM-BELT", "Drum belt", ("Haier Smart Washer EG10",), "22.00", "60.00"),
    DemoPart("HV-FAN-MOTOR", "Indoor fan motor", ("Gree Smart Split AC 1.5P",), "140.00", "320.00",
             returnable=True, reorder_point=2),
    DemoPart("HV-PCB-GREE", "AC indoor control board", ("Gree Smart Split AC 1.5P",), "180.00", "390.00",
             serialized=True, returnable=True, reorder_point=2),
    DemoPart("HV-TEMP-SENSOR", "Temperature sensor", ("Gree Smart Split AC 1.5P", "Daikin Smart Thermostat"),
             "15.00", "48.00", reorder_point=8),
    DemoPart("HV-DISPLAY", "Thermostat display", ("Daikin Smart Thermostat",), "75.00", "180.00",
             returnable=True),
    DemoPart("EL-SWITCH-MOD", "Smart switch relay module", ("Xiaomi Smart Switch Panel",), "32.00", "85.00"),
    DemoPart("EL-LED-DRIVER", "LED driver", ("Yeelight Smart Lighting Kit",), "26.00", "70.00"),
)

WAREHOUSES = (
    ("WH-FUTIAN", "Futian central warehouse", 22.538, 114.060),
    ("WH-BAOAN", "Bao'an west warehouse", 22.560, 113.890),
)
