"""String rules for place and agency names: level suffixes, short forms, the part after the place."""
from __future__ import annotations

import re

# The 55 officially recognised minority nationalities, as they appear in autonomous-unit names
# (宽城满族自治县, 黔西南布依族苗族自治州, 塔什库尔干塔吉克自治县: 族 is sometimes left out).
ETHNIC_GROUPS = (
    "蒙古", "回", "藏", "维吾尔", "苗", "彝", "壮", "布依", "朝鲜", "满", "侗", "瑶", "白", "土家",
    "哈尼", "哈萨克", "傣", "黎", "傈僳", "佤", "畲", "高山", "拉祜", "水", "东乡", "纳西", "景颇",
    "柯尔克孜", "土", "达斡尔", "仫佬", "羌", "布朗", "撒拉", "毛南", "仡佬", "锡伯", "阿昌", "普米",
    "塔吉克", "怒", "乌孜别克", "俄罗斯", "鄂温克", "德昂", "保安", "裕固", "京", "塔塔尔", "独龙",
    "鄂伦春", "赫哲", "门巴", "珞巴", "基诺",
)
_ETHNIC = "|".join(sorted(ETHNIC_GROUPS, key=len, reverse=True))
_AUTONOMOUS = re.compile(rf"(?:(?:{_ETHNIC})族?|各族)+自治[区州县旗]$")
_AUTONOMOUS_TAIL = re.compile(r"族?自治([区州县旗])$")   # 鄂温克族自治旗, 东乡族自治县: the people is the place
_LEVEL_SUFFIX = re.compile(r"(?:特别行政区|自治区|新区|林区|特区|地区|街道|苏木|省|市|盟|州|县|区|旗|镇|乡)$")
# The government of a place: 人民政府, or for a 街道 its 街道办事处 (the body that governs it).
_GOVERNMENT = re.compile(r"(?:人民)?政府$|(?<=街道)办(?:事处)?$|^办事处$")
# the leading unit of a name the dataset does not list: 某某镇人民政府 -> 某某镇
_UNIT = re.compile(r"^(.{2,12}?(?:街道|苏木|镇|乡|县|区|市|旗|州|盟))")
_TOWNSHIP_UNIT = re.compile(r"(?:街道|苏木|镇|乡)$")
GENERIC_START = "省市县区州盟旗镇乡"     # 市生态环境局, 县人民政府办公室: a body that names no place


def compact(text: str) -> str:
    """Whitespace removed: PDF text breaks names across lines (淮\\n安市). str.split() drops exactly
    what re's \\s matches, several times faster than re.sub."""
    return "".join(text.split())


def stem(name: str) -> str:
    """The name without its level suffix (秦安县 -> 秦安, 宽城满族自治县 -> 宽城, 郭嘉镇 -> 郭嘉).
    The place part of an autonomous unit has at least two characters: 陵水黎族自治县 -> 陵水, not 陵."""
    for i in range(2, len(name)):
        if _AUTONOMOUS.match(name, i):
            return name[:i]
    place, autonomous = _AUTONOMOUS_TAIL.subn("", name)
    return place if autonomous else _LEVEL_SUFFIX.sub("", name)


def informal_name(name: str) -> str | None:
    """The everyday form of an autonomous county, prefecture or banner (宽城满族自治县 -> 宽城县)."""
    m = _AUTONOMOUS_TAIL.search(name)
    if not m or m.group(1) == "区":
        return None
    return stem(name) + m.group(1)


def government_name_key(name: str) -> str:
    """郭嘉镇 and 郭嘉镇人民政府 name one body: whitespace and a trailing (人民)政府 removed."""
    plain = compact(name)
    return _GOVERNMENT.sub("", plain) or plain


def local_name(rest: str) -> str:
    """What follows the place in an agency name: '' for the government of the place itself, else
    the body, with a trailing (人民)政府 dropped and 人民政府办公室 = 政府办公室."""
    return _GOVERNMENT.sub("", rest).replace("人民政府", "政府")


def leading_unit(name: str) -> str | None:
    m = _UNIT.match(name)
    return m.group(1) if m else None


def is_township_unit(name: str) -> bool:
    return bool(_TOWNSHIP_UNIT.search(name))
