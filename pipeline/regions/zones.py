"""Functional zones: bodies that publish reports but are no division in the official code list.

A 国家级新区 or a 综合实验区 has its own management committee and bureaus (平潭综合实验区自然资源与
生态环境局), yet the Ministry of Civil Affairs' list names only the divisions it lies in. Each zone
here is placed in the smallest listed division that holds all of its territory, as the State
Council's approvals draw it: 平潭综合实验区 is the whole of 平潭县; 雄安新区 takes counties of 保定
and a part of 任丘 (沧州), so only 河北省; 两江新区 spans districts of 重庆. The zone's name stays in
the body's local name, so the zone's bureau is never merged with the county's bureau of the same
name, and `福州市平潭综合实验区教育局` and `平潭综合实验区教育局` are one agency.

Zones whose name is a listed district (浦东新区, 滨海新区) are divisions already and are not here.
"""
from __future__ import annotations

# zone name as agencies write it -> code of the smallest division holding all of it
ZONES: dict[str, str] = {
    "平潭综合实验区": "350128",   # 福建省福州市平潭县: the zone is the whole county (2009, 2011 plan)
    "雄安新区": "130000",         # 雄县, 容城, 安新 (保定) and part of 任丘 (沧州)
    "两江新区": "500000",         # 江北, 渝北, 北碚 districts of 重庆
    "舟山群岛新区": "330900",     # 舟山市
    "兰州新区": "620100",         # 兰州市 (永登, 皋兰)
    "南沙新区": "440115",         # 广州市南沙区
    "西咸新区": "610000",         # 西安市 and 咸阳市
    "贵安新区": "520000",         # 贵阳市 and 安顺市
    "西海岸新区": "370211",       # 青岛市黄岛区
    "金普新区": "210200",         # 大连市 (金州, 普兰店)
    "天府新区": "510000",         # 成都市 and 眉山市
    "湘江新区": "430100",         # 长沙市
    "江北新区": "320100",         # 南京市
    "福州新区": "350100",         # 福州市
    "滇中新区": "530000",         # 昆明市 areas (安宁, 嵩明, 官渡) as approved; its extent has grown since
    "哈尔滨新区": "230100",       # 哈尔滨市
    "长春新区": "220100",         # 长春市
    "赣江新区": "360000",         # 南昌市 and 九江市
}


def zone_at(name: str, start: int = 0) -> str | None:
    """The functional zone `name` names from position `start`, if any."""
    return next((zone for zone in ZONES if name.startswith(zone, start)), None)
