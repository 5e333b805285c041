"""Demo network: a Chinese manufacturer's dealers in six regions, with staff in every role."""

import zlib
from decimal import Decimal

from django.contrib.auth.hashers import make_password

from dealers.choices import DealerRole, HQRole, Tier
from dealers.models import Dealer, Membership, Region, RegionArea, User
from dealers.services import sync_groups

REGIONS = {
    # code: (name, postal-code prefixes of mainland China)
    "north": ("North China", ["01", "02", "03", "04", "05", "06", "07", "10", "30"]),
    "northeast": ("Northeast China", ["11", "12", "13", "15", "16"]),
    "east": ("East China", ["20", "21", "22", "23", "24", "25", "26", "27", "31", "32", "35", "36"]),
    "central": ("Central China", ["33", "34", "41", "42", "43", "44", "45", "46", "47"]),
    "south": ("South China", ["51", "52", "53", "54", "57"]),
    "west": ("West China", ["40", "55", "56", "61", "62", "63", "64", "65", "66", "67", "71", "72",
                            "73", "74", "75", "81", "83", "84", "85"]),
}

# code, trading name, city, postal code, latitude, longitude, tier, parent code, address
DEALERS = [
    ("sh01", "Shanghai Hengtong Tianlong Motors", "Shanghai", "201206", "31.2304", "121.4737", Tier.PLATINUM, None, "1288 Jinqiao Rd, Pudong"),
    ("sh02", "Shanghai Jiahe Commercial Vehicles", "Shanghai", "201799", "31.1509", "121.1242", Tier.GOLD, None, "58 Huqingping Hwy, Qingpu"),
    ("hz01", "Hangzhou Xinda Machinery", "Hangzhou", "310052", "30.2741", "120.1551", Tier.GOLD, None, "399 Jiangnan Ave, Binjiang"),
    ("nj01", "Nanjing Huasheng Auto Trading", "Nanjing", "211100", "32.0603", "118.7969", Tier.GOLD, None, "66 Shuanglong Ave, Jiangning"),
    ("sz01", "Suzhou Ruifeng Equipment", "Suzhou", "215021", "31.2989", "120.5853", Tier.SILVER, None, "18 Xinghu St, Industrial Park"),
    ("ks01", "Kunshan Ruifeng Service Point", "Kunshan", "215300", "31.3856", "120.9807", Tier.BRONZE, "sz01", "203 Qianjin E Rd"),
    ("nb01", "Ningbo Yongli Trucks", "Ningbo", "315040", "29.8683", "121.5440", Tier.SILVER, None, "777 Canghai Rd, Yinzhou"),
    ("hf01", "Hefei Dingxin Motors", "Hefei", "230601", "31.8206", "117.2272", Tier.SILVER, None, "9 Jinxiu Ave, Economic Zone"),
    ("jn01", "Jinan Boyuan Heavy Industry Sales", "Jinan", "250101", "36.6512", "117.1201", Tier.GOLD, None, "2000 Shunhua Rd, High-tech Zone"),
    ("qd01", "Qingdao Zhongcheng Machinery", "Qingdao", "266100", "36.0671", "120.3826", Tier.SILVER, None, "88 Songling Rd, Laoshan"),
    ("fz01", "Fuzhou Longxiang Auto", "Fuzhou", "350002", "26.0745", "119.2965", Tier.BRONZE, None, "16 Gongye Rd, Gulou"),
    ("xm01", "Xiamen Tianyi Commercial Vehicles", "Xiamen", "361006", "24.4798", "118.0894", Tier.SILVER, None, "150 Xiangan Rd, Huli"),
    ("wx01", "Wuxi Jinqiao Motors", "Wuxi", "214028", "31.4912", "120.3119", Tier.SILVER, None, "31 Changjiang Rd, Xinwu"),
    ("jy01", "Jiangyin Jinqiao Sales Outlet", "Jiangyin", "214400", "31.9209", "120.2853", Tier.BRONZE, "wx01", "12 Binjiang Rd"),
    ("bj01", "Beijing Hongyun Tianlong Center", "Beijing", "100176", "39.9042", "116.4074", Tier.PLATINUM, None, "8 Kechuang 14th St, Yizhuang"),
    ("bj02", "Beijing Fuxing Agricultural Machinery", "Beijing", "101300", "40.1300", "116.6546", Tier.SILVER, None, "45 Shunping Rd, Shunyi"),
    ("tj01", "Tianjin Anda Trucks", "Tianjin", "300457", "39.3434", "117.3616", Tier.GOLD, None, "20 Huanghai Rd, TEDA"),
    ("sjz1", "Shijiazhuang Shengshi Machinery", "Shijiazhuang", "050035", "38.0428", "114.5149", Tier.SILVER, None, "136 Huaian Rd"),
    ("ty01", "Taiyuan Huatai Equipment", "Taiyuan", "030006", "37.8706", "112.5489", Tier.BRONZE, None, "71 Changzhi Rd"),
    ("hh01", "Hohhot Caoyuan Machinery", "Hohhot", "010010", "40.8426", "111.7492", Tier.BRONZE, None, "5 Xinhua E St"),
    ("ts01", "Tangshan Gangcheng Heavy Trucks", "Tangshan", "063000", "39.6309", "118.1802", Tier.SILVER, None, "210 Xinhua W Rd"),
    ("sy01", "Shenyang Beifang Tianlong", "Shenyang", "110141", "41.8057", "123.4315", Tier.GOLD, None, "33 Kaifa Rd, Tiexi"),
    ("dl01", "Dalian Haiwan Commercial Vehicles", "Dalian", "116600", "38.9140", "121.6147", Tier.SILVER, None, "6 Jinma Rd, Jinzhou"),
    ("cc01", "Changchun Jiyuan Auto", "Changchun", "130033", "43.8171", "125.3235", Tier.SILVER, None, "1150 Dongfeng Ave"),
    ("hrb1", "Harbin Songbei Agricultural Equipment", "Harbin", "150028", "45.8038", "126.5349", Tier.BRONZE, None, "98 Chuangxin Rd, Songbei"),
    ("gz01", "Guangzhou Yuexin Tianlong Motors", "Guangzhou", "510700", "23.1291", "113.2644", Tier.PLATINUM, None, "188 Kaichuang Ave, Huangpu"),
    ("szn1", "Shenzhen Pengcheng Commercial Vehicles", "Shenzhen", "518108", "22.5431", "114.0579", Tier.PLATINUM, None, "3 Shiyan Rd, Bao'an"),
    ("zh01", "Zhuhai Pengcheng Service Point", "Zhuhai", "519000", "22.2707", "113.5767", Tier.BRONZE, "szn1", "52 Jiuzhou Ave"),
    ("dg01", "Dongguan Huanan Machinery", "Dongguan", "523808", "23.0207", "113.7518", Tier.SILVER, None, "11 Songshan Lake Rd"),
    ("fs01", "Foshan Nanhai Equipment Trading", "Foshan", "528200", "23.0215", "113.1214", Tier.SILVER, None, "29 Guicheng Rd, Nanhai"),
    ("nn01", "Nanning Baigui Motors", "Nanning", "530007", "22.8170", "108.3665", Tier.BRONZE, None, "66 Minzu Ave"),
    ("hk01", "Haikou Qiongzhou Auto", "Haikou", "570125", "20.0440", "110.1999", Tier.BRONZE, None, "8 Binhai Ave"),
    ("wh01", "Wuhan Chuhe Tianlong Center", "Wuhan", "430056", "30.5928", "114.3055", Tier.GOLD, None, "500 Zhuankou Ave, Economic Zone"),
    ("cs01", "Changsha Xiangjiang Machinery", "Changsha", "410100", "28.2282", "112.9388", Tier.GOLD, None, "17 Xingsha Ave"),
    ("zz01", "Zhengzhou Zhongyuan Heavy Trucks", "Zhengzhou", "450016", "34.7466", "113.6253", Tier.SILVER, None, "120 Hanghai E Rd"),
    ("nc01", "Nanchang Ganjiang Motors", "Nanchang", "330013", "28.6820", "115.8579", Tier.BRONZE, None, "9 Yingbin N Ave"),
    ("cd01", "Chengdu Tianfu Tianlong Motors", "Chengdu", "610041", "30.5728", "104.0668", Tier.PLATINUM, None, "1500 Tianfu Ave"),
    ("my01", "Mianyang Tianfu Sales Outlet", "Mianyang", "621000", "31.4675", "104.6796", Tier.BRONZE, "cd01", "35 Jiannan Rd"),
    ("cq01", "Chongqing Shancheng Commercial Vehicles", "Chongqing", "401120", "29.5630", "106.5516", Tier.GOLD, None, "18 Jinkai Ave, Yubei"),
    ("xa01", "Xi'an Qinchuan Machinery", "Xi'an", "710065", "34.3416", "108.9398", Tier.GOLD, None, "56 Keji Rd, High-tech Zone"),
    ("km01", "Kunming Dianchi Equipment", "Kunming", "650228", "25.0389", "102.7183", Tier.SILVER, None, "77 Dianchi Rd"),
    ("gy01", "Guiyang Qianzhong Motors", "Guiyang", "550081", "26.6470", "106.6302", Tier.BRONZE, None, "23 Jinyang S Rd"),
    ("lz01", "Lanzhou Hexi Trucks", "Lanzhou", "730050", "36.0611", "103.8343", Tier.BRONZE, None, "400 Xijin W Rd"),
    ("wlm1", "Urumqi Tianshan Heavy Equipment", "Urumqi", "830011", "43.8256", "87.6168", Tier.SILVER, None, "61 Kunming Rd"),
]
INACTIVE = {"lz01"}  # closed at the end of last year; its history stays
SERVICE_ONLY = {"ks01", "zh01"}  # service points: no sales function
SALES_ONLY = {"jy01", "my01"}  # sales outlets: service at the parent

STAFF_ROLES = [
    ("principal", DealerRole.PRINCIPAL),
    ("salesmgr", DealerRole.SALES_MANAGER),
    ("sales1", DealerRole.SALES),
    ("sales2", DealerRole.SALES),
    ("service", DealerRole.SERVICE),
]

HQ_USERS = [
    ("admin", None, "Superuser: acts as HQ administrator, and the Django admin"),
    ("hq.ops", HQRole.OPS, "HQ operations: leads, orders, claims"),
    ("hq.finance", HQRole.FINANCE, "HQ finance: settlements"),
    ("hq.analyst", HQRole.ANALYST, "HQ analyst: read-only figures"),
]


def seed(out, *, password: str) -> list[tuple[str, str]]:
    hashed = make_password(password)  # hashed once: hundreds of demo users share it
    for code, (name, prefixes) in REGIONS.items():
        region, _ = Region.objects.update_or_create(code=code, defaults={"name": name})
        for prefix in prefixes:
            RegionArea.objects.update_or_create(country="CN", postal_prefix=prefix, defaults={"region": region})

    for code, name, _city, postal, lat, lng, tier, parent, address in DEALERS:
        region = RegionArea.objects.region_for("CN", postal)
        Dealer.objects.update_or_create(
            code=code,
            defaults={
                "name": name, "region": region, "tier": tier, "postal_code": postal, "country": "CN",
                "latitude": Decimal(lat), "longitude": Decimal(lng), "address": address,
                "parent": Dealer.objects.filter(code=parent).first() if parent else None,
                "phone": f"+86 400 800 {zlib.crc32(code.encode()) % 9000 + 1000}",
                "email": f"contact@{code}.tianlong-dealers.cn",
                "has_sales": code not in SERVICE_ONLY, "has_service": code not in SALES_ONLY,
                "weekly_lead_capacity": {"platinum": 60, "gold": 40, "silver": 25, "bronze": 12}[tier],
                "active": code not in INACTIVE,
            },
        )

    for username, role, _what in HQ_USERS:
        _user(username, hashed, hq_role=role or "", is_superuser=role is None, is_staff=role is None)
    for dealer in Dealer.objects.all():
        for suffix, role in STAFF_ROLES:
            if (role == DealerRole.SERVICE and not dealer.has_service) or (
                role in (DealerRole.SALES_MANAGER, DealerRole.SALES) and not dealer.has_sales
            ):
                continue
            user = _user(f"{dealer.code}.{suffix}", hashed, email=f"{suffix}@{dealer.code}.tianlong-dealers.cn")
            membership, _ = Membership.objects.update_or_create(user=user, defaults={"dealer": dealer, "role": role})
            sync_groups(membership)

    out.write(f"  {Region.objects.count()} regions, {Dealer.objects.count()} dealers, "
              f"{Membership.objects.count()} dealer staff")
    return [(u, what) for u, _r, what in HQ_USERS] + [
        ("sh01.principal", "Principal of Shanghai Hengtong (platinum; sees its own data only)"),
        ("sh01.salesmgr", "Sales manager at sh01: lead inbox, delegation, quotes"),
        ("sh01.sales1", "Salesperson at sh01: the leads given to them"),
        ("sh01.service", "Service advisor at sh01: units, repair orders, claims"),
        ("sz01.principal", "Principal of Suzhou Ruifeng, which has the sub-dealer ks01"),
        ("<code>.<role>", "Every dealer has principal, salesmgr, sales1, sales2, service"),
    ]


def _user(username: str, hashed: str, **fields) -> User:
    user, created = User.objects.get_or_create(username=username, defaults={"password": hashed, **fields})
    if not created:
        User.objects.filter(pk=user.pk).update(password=hashed, **fields)
    return user


# --- demo customers, used by the other apps' demo data ---------------------------------------------

SURNAMES = ["Wang", "Li", "Zhang", "Liu", "Chen", "Yang", "Huang", "Zhao", "Wu", "Zhou", "Xu", "Sun", "Ma", "Zhu",
            "Hu", "Guo", "He", "Lin", "Gao", "Luo"]
GIVEN = ["Wei", "Fang", "Na", "Min", "Jing", "Lei", "Qiang", "Jun", "Yang", "Yong", "Yan", "Jie", "Tao", "Ming",
         "Chao", "Xiu", "Hui", "Gang", "Ping", "Hong", "Lin", "Bo", "Hao", "Yu"]
COMPANY_WORDS = ["Huaxin", "Jiantou", "Zhongjian", "Lutong", "Hengda", "Xinghe", "Changfeng", "Taishan", "Jinlong",
                 "Wanfeng", "Dongsheng", "Nongken"]
COMPANY_KINDS = ["Logistics Co., Ltd.", "Construction Group", "Transport Co.", "Earthworks Ltd.",
                 "Agricultural Cooperative", "Municipal Engineering Co."]


def demo_customers(count: int, *, rng, key: str) -> list:
    """`count` believable customers (about one in four a company), created once per `key`:
    a second run finds them by email instead of creating more."""
    from dealers.models import Customer

    emails = [f"{key}.{i:05d}@customers.example.cn" for i in range(count)]
    existing = {c.email: c for c in Customer.objects.filter(email__in=emails)}
    new, regions = [], {}
    for email in emails:
        if email in existing:
            continue
        company = rng.random() < 0.25
        name = (f"{rng.choice(COMPANY_WORDS)} {rng.choice(COMPANY_KINDS)}" if company
                else f"{rng.choice(SURNAMES)} {rng.choice(GIVEN)}{rng.choice(['', rng.choice(GIVEN).lower()])}")
        postal = rng.choice(DEALERS)[3]
        if postal[:2] not in regions:
            regions[postal[:2]] = RegionArea.objects.region_for("CN", postal)
        new.append(Customer(kind="company" if company else "person", name=name, email=email,
                            phone=f"+86138{zlib.crc32(email.encode()) % 10**8:08d}", postal_code=postal,
                            country="CN", region=regions[postal[:2]]))
    Customer.objects.bulk_create(new, batch_size=1000)
    by_email = {c.email: c for c in Customer.objects.filter(email__in=emails)}
    return [by_email[e] for e in emails]
