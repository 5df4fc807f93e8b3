"""The demo company's fixed facts: a Shenzhen service area, a product range, people's names.

A smart-home service company in Shenzhen keeps its data in Chinese: customers' and engineers'
names, addresses, symptoms, access notes, product models and part names. The English pages show
the same data (labels switch, data does not); logins and SKUs stay ASCII.

Kept apart from the seeding logic so the story can be read (and changed) in one place. Every
neighbourhood's point, give or take ``SITE_SPREAD_DEG``, lies inside its district's outline in
static/maps/shenzhen-districts.geojson (a test checks it), so the map and the data agree.
"""

from __future__ import annotations

from dataclasses import dataclass

SITE_SPREAD_DEG = 0.006  # sites and homes lie within ~600 m of their neighbourhood's point


@dataclass(frozen=True)
class Neighbourhood:
    name: str
    lat: float
    lon: float
    roads: tuple[str, ...]


@dataclass(frozen=True)
class District:
    name: str
    population_10k: int  # 2020 census, in 10,000s: where the customers are
    neighbourhoods: tuple[Neighbourhood, ...]


def _hood(name: str, lat: float, lon: float, *roads: str) -> Neighbourhood:
    return Neighbourhood(name, lat, lon, roads)


# Most populous first: engineers are given territories in this order, so the big districts get more.
DISTRICTS = (
    District("宝安区", 447, (
        _hood("宝安中心区", 22.556, 113.886, "新湖路", "宝兴路"),
        _hood("西乡", 22.578, 113.868, "西乡大道", "宝源路"),
        _hood("福永", 22.672, 113.828, "福永大道", "凤凰路"),
        _hood("沙井", 22.728, 113.830, "沙井路", "新沙路"),
        _hood("石岩", 22.680, 113.935, "石龙大道", "宝石南路"),
        _hood("新安", 22.572, 113.902, "新安六路", "创业一路"),
    )),
    District("龙岗区", 398, (
        _hood("布吉", 22.605, 114.118, "布吉路", "吉华路"),
        _hood("坂田", 22.632, 114.068, "坂雪岗大道", "五和大道"),
        _hood("龙城", 22.722, 114.250, "龙翔大道", "龙城大道"),
        _hood("横岗", 22.650, 114.208, "深惠路", "横坪公路"),
        _hood("平湖", 22.690, 114.130, "平湖大街", "新木路"),
    )),
    District("龙华区", 252, (
        _hood("民治", 22.618, 114.040, "民治大道", "人民路"),
        _hood("龙华中心", 22.655, 114.025, "龙华大道", "和平路"),
        _hood("观澜", 22.720, 114.055, "观澜大道", "环观南路"),
        _hood("大浪", 22.672, 113.998, "华荣路", "大浪南路"),
    )),
    District("南山区", 180, (
        _hood("科技园", 22.540, 113.950, "科苑路", "高新南一道"),
        _hood("蛇口", 22.488, 113.915, "工业八路", "望海路"),
        _hood("后海", 22.516, 113.940, "后海大道", "海德三道"),
        _hood("西丽", 22.580, 113.955, "留仙大道", "沙河西路"),
        _hood("南头", 22.545, 113.920, "南头街", "深南大道"),
        _hood("华侨城", 22.540, 113.985, "侨香路", "华侨城东路"),
    )),
    District("福田区", 155, (
        _hood("香蜜湖", 22.548, 114.030, "香梅路", "农轩路"),
        _hood("车公庙", 22.537, 114.025, "泰然九路", "天安路"),
        _hood("华强北", 22.546, 114.086, "华强北路", "振华路"),
        _hood("梅林", 22.570, 114.050, "梅林路", "上梅林路"),
        _hood("福田中心区", 22.540, 114.058, "益田路", "金田路"),
    )),
    District("罗湖区", 114, (
        _hood("东门", 22.548, 114.120, "东门中路", "解放路"),
        _hood("笋岗", 22.566, 114.116, "宝安北路", "笋岗路"),
        _hood("翠竹", 22.562, 114.128, "翠竹路", "太宁路"),
        _hood("莲塘", 22.566, 114.176, "罗沙路", "畔山路"),
        _hood("黄贝岭", 22.550, 114.138, "沿河路", "黄贝路"),
    )),
    District("光明区", 110, (
        _hood("光明中心", 22.750, 113.935, "光明大道", "华夏路"),
        _hood("公明", 22.780, 113.895, "公明北环大道", "松白路"),
        _hood("凤凰", 22.740, 113.955, "凤凰大道", "光侨路"),
    )),
    District("坪山区", 55, (
        _hood("坪山中心", 22.695, 114.345, "坪山大道", "深汕路"),
        _hood("坑梓", 22.745, 114.385, "人民西路", "秀新路"),
        _hood("碧岭", 22.660, 114.300, "碧岭路", "沙湖路"),
    )),
    District("盐田区", 21, (
        _hood("沙头角", 22.561, 114.233, "沙盐路", "海景二路"),
        _hood("盐田港", 22.590, 114.265, "盐田路", "深盐路"),
        _hood("梅沙", 22.600, 114.300, "环梅路", "大梅沙海滨路"),
    )),
    District("大鹏新区", 16, (
        _hood("葵涌", 22.630, 114.425, "葵鹏路", "金业大道"),
        _hood("大鹏", 22.595, 114.475, "迎宾路", "中山路"),
        _hood("南澳", 22.535, 114.480, "南隆路", "海滨路"),
    )),
)
ESTATES = ("阳光花园", "翠苑", "锦绣华庭", "海景花园", "城市花园", "怡景苑", "金域名园", "天悦湾",
           "碧海湾", "星河丹堤")
ACCESS_NOTES = ("到小区门口请先联系客户，保安需要登记姓名。", "家里有狗，客户会先拴好。")


@dataclass(frozen=True)
class Product:
    model: str
    skill: str
    warranty_years: int
    symptoms: tuple[str, ...]
    typical_duration_min: int


PRODUCTS = (
    Product("绿米智能门锁 U200", "locks", 2,
            ("指纹识别无反应", "电机异响，锁舌卡在一半", "键盘背光不亮"), 45),
    Product("小米智能门锁 M20", "locks", 2, ("换了新电池仍提示电量低", "关门后锁不上"), 45),
    Product("海康威视网络摄像机 DS-2CD2143", "cameras", 3, ("摄像机从昨天起离线", "夜视画面全黑"), 60),
    Product("萤石室内摄像机 C6N", "cameras", 2, ("云台转不动", "连不上无线网络"), 40),
    Product("绿米智能网关 M3", "cameras", 2, ("网关反复重启", "子设备全部掉线，需要重新配对"), 45),
    Product("美的智能洗碗机 V5", "appliances", 1, ("不排水", "启动时报 E4 故障"), 75),
    Product("海尔智能洗衣机 EG10", "appliances", 1, ("滚筒不转", "门口漏水"), 90),
    Product("格力智能分体空调 1.5匹", "hvac", 3, ("制冷模式吹热风", "室内机滴水"), 80),
    Product("大金智能温控器", "hvac", 2, ("显示屏不亮", "室温显示偏差 5 度"), 50),
    Product("小米智能开关面板", "electrical", 2, ("开关控制不了灯", "面板有嗡嗡声"), 40),
    Product("易来智能照明套装", "electrical", 1, ("调光后灯闪烁", "新购照明套装需要安装"), 60),
)

SKILLS = ("locks", "cameras", "appliances", "hvac", "electrical")

ENGINEER_NAMES = (
    "李伟", "王芳", "张敏", "刘洋", "陈杰", "杨磊", "黄鑫", "赵军", "吴涛", "周慧", "徐明", "孙强", "马林",
    "朱红", "胡斌", "郭平", "何燕", "高鹏", "林娜", "罗刚", "郑浩", "梁宇", "谢丹", "宋凯", "唐睿",
)

FAMILY_NAMES = ("李", "王", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡",
                "郭", "何", "高", "林", "罗")
GIVEN_NAMES = ("晓明", "静", "磊", "娜", "艳", "浩", "婷", "波", "飞", "清", "睿", "梅", "俊", "兰",
               "涛", "宇")


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


LOCKS = ("绿米智能门锁 U200", "小米智能门锁 M20")
CAMERAS = ("海康威视网络摄像机 DS-2CD2143", "萤石室内摄像机 C6N")
GATEWAY, DISHWASHER, WASHER = "绿米智能网关 M3", "美的智能洗碗机 V5", "海尔智能洗衣机 EG10"
AIRCON, THERMOSTAT = "格力智能分体空调 1.5匹", "大金智能温控器"
PARTS_CATALOG = (
    DemoPart("LK-MOTOR-U200", "门锁电机总成", LOCKS[:1], "68.00", "160.00", returnable=True),
    DemoPart("LK-FP-MOD", "指纹识别模块", LOCKS, "95.00", "220.00", serialized=True, returnable=True),
    DemoPart("LK-KEYPAD", "背光键盘", LOCKS, "42.00", "110.00"),
    DemoPart("LK-LATCH", "插芯锁体", LOCKS, "35.00", "80.00", reorder_point=6),
    DemoPart("LK-BATT-PACK", "锂电池组", LOCKS[1:], "28.00", "69.00", reorder_point=8),
    DemoPart("CAM-LENS-4MP", "400万像素镜头模组", CAMERAS[:1], "120.00", "260.00", serialized=True,
             returnable=True),
    DemoPart("CAM-IR-BOARD", "红外补光板", CAMERAS, "38.00", "95.00", returnable=True),
    DemoPart("CAM-PT-MOTOR", "云台电机", CAMERAS[1:], "30.00", "85.00"),
    DemoPart("CAM-WIFI-MOD", "无线网络模块", CAMERAS, "25.00", "70.00", serialized=True),
    DemoPart("GW-MAINBOARD", "网关主板", (GATEWAY,), "160.00", "340.00", serialized=True, returnable=True,
             reorder_point=2),
    DemoPart("GW-PSU-12V", "12伏电源适配器", (GATEWAY,), "18.00", "45.00"),
    DemoPart("AP-DRAIN-PUMP", "排水泵", (DISHWASHER, WASHER), "85.00", "210.00", returnable=True),
    DemoPart("AP-CTRL-V5", "洗碗机控制板", (DISHWASHER,), "150.00", "330.00", serialized=True,
             returnable=True, reorder_point=2),
    DemoPart("AP-DOOR-SEAL", "洗衣机门封圈", (WASHER,), "40.00", "99.00"),
    DemoPart("AP-DRUM-BELT", "滚筒皮带", (WASHER,), "22.00", "60.00"),
    DemoPart("HV-FAN-MOTOR", "室内风机电机", (AIRCON,), "140.00", "320.00", returnable=True, reorder_point=2),
    DemoPart("HV-PCB-GREE", "空调室内机控制板", (AIRCON,), "180.00", "390.00", serialized=True,
             returnable=True, reorder_point=2),
    DemoPart("HV-TEMP-SENSOR", "温度传感器", (AIRCON, THERMOSTAT), "15.00", "48.00", reorder_point=8),
    DemoPart("HV-DISPLAY", "温控器显示屏", (THERMOSTAT,), "75.00", "180.00", returnable=True),
    DemoPart("EL-SWITCH-MOD", "智能开关继电器模块", ("小米智能开关面板",), "32.00", "85.00"),
    DemoPart("EL-LED-DRIVER", "LED 驱动电源", ("易来智能照明套装",), "26.00", "70.00"),
)

WAREHOUSES = (
    ("WH-FUTIAN", "福田中心仓", 22.538, 114.060),
    ("WH-BAOAN", "宝安西部仓", 22.560, 113.890),
)

# What the office writes when it closes a request without a visit (data, so in Chinese too).
RESOLVED_REMOTELY = "已电话指导客户重置设备，恢复正常。"
REJECTED = "设备为境外购买，不在我司服务范围内。"
OPENING_STOCK, VAN_STOCK = "期初入库", "车载备货"
