"""Reference data of the demo township: 三官庙街道, modelled on seed 003 (1 + 14 + 59 grids), with the
departments of seed 001, the case categories (事项清单) and staff with their grid posts over time.

Names of places are plausible, not a survey; people are invented. Codes follow the 15-digit scheme of
`console.grids`: 410102 (郑州市中原区, where seed 003 places the sub-district) + 006 + village + grid.
`load_reference` reads back what the case generator needs, from any database that has a township.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from console.domain import GridKind, GridRole, LimitType, Severity, Stage
from console.grids import pinyin_initials
from console.models import Category, Department, Grid, GridAssignment, Person, Setting, StageLimit

COUNTY_CODE = "410102"  # 郑州市中原区 (GB/T 2260)
TOWNSHIP_CODE = COUNTY_CODE + "006"
TOWNSHIP_NAME = "三官庙街道"
CENTER_DEPARTMENT = "WGZX"  # 网格化服务中心: the dispatchers' own office

# level-2 grids (communities and villages) with their level-3 grids (楼院 / 街区 / 村民小组)
_VILLAGE_GROUPS = ["第一村民小组", "第二村民小组", "第三村民小组", "第四村民小组"]
COMMUNITIES: list[tuple[str, list[str]]] = [
    ("三官庙社区", ["三官庙1号院", "三官庙东街街区", "棉纺宿舍楼院", "嵩山南路街区", "建业小区"]),
    ("伏牛路社区", ["伏牛路168号院", "伏牛小区", "电缆厂家属院", "伏牛南街街区", "中原新城楼院"]),
    ("汝河路社区", ["汝河小区", "汝河路街区", "二砂家属院", "锦艺城楼院"]),
    ("淮河西路社区", ["淮河西路街区", "国棉三厂家属院", "郑纺机宿舍楼院", "淮河小区"]),
    ("华山路社区", ["华山路街区", "华山小区", "机械厂家属院", "华山路78号院"]),
    ("棉纺西路社区", ["棉纺西路街区", "国棉四厂家属院", "国棉五厂家属院", "西苑小区"]),
    ("工人路社区", ["工人路街区", "工人新村", "煤机厂家属院", "绿都城楼院"]),
    ("秦岭路社区", ["秦岭路街区", "秦岭小区", "水利家属院", "阳光花园楼院"]),
    ("大里社区", ["大里街区", "大里新苑", "百花小区", "郑上新城楼院"]),
    ("冉屯社区", ["冉屯东街街区", "冉屯北小区", "冉屯南小区", "帝湖花园楼院", "冉屯西街街区"]),
    ("须水河社区", ["须水河街区", "西流湖小区", "建新家园", "锦华苑楼院"]),
    ("齐礼阎村", _VILLAGE_GROUPS),
    ("冯湾村", _VILLAGE_GROUPS),
    ("小岗刘村", _VILLAGE_GROUPS),
]
# enterprise and special grids in the reserved village range 900-999: (number, name, kind, level-3 cells)
SPECIAL_GRIDS: list[tuple[int, str, GridKind, list[str]]] = [
    (901, "国棉工业园企业网格", GridKind.ENTERPRISE, ["工业园一区", "工业园二区"]),
    (902, "中原万达商圈企业网格", GridKind.ENTERPRISE, []),
    (903, "西流湖公园专属网格", GridKind.SPECIAL, []),
    (904, "三官庙农贸市场专属网格", GridKind.SPECIAL, []),
]

DEPARTMENTS: list[tuple[str, str]] = [
    (CENTER_DEPARTMENT, "网格化服务中心"),
    ("ZZZX", "综治中心"),
    ("PCS", "派出所"),
    ("GTS", "国土所"),
    ("HBB", "环保办"),
    ("AJB", "安监办"),
    ("MZB", "民政办"),
    ("GDS", "供电所"),
    ("ZFZD", "行政执法中队"),
    ("RXB", "12345热线办"),
    ("CJB", "城建办"),
    ("SCJG", "市场监管所"),
    ("SFS", "司法所"),
    ("XFB", "信访办"),
    ("DJB", "党建办"),
]


@dataclass(frozen=True)
class CategorySpec:
    code: str
    name: str
    key_area: bool
    department: str
    severity: Severity
    limit_type: LimitType
    limit_value: int
    closing_standard: str


CATEGORIES: list[CategorySpec] = [
    CategorySpec(
        "ZD01",
        "非法生产",
        True,
        "AJB",
        Severity.COMPLEX,
        LimitType.WORKING_DAYS,
        5,
        "非法生产场所已关停取缔，设备原料已清理，现场照片及处理文书齐全",
    ),
    CategorySpec(
        "ZD02",
        "非法经营",
        True,
        "SCJG",
        Severity.GENERAL,
        LimitType.WORKING_DAYS,
        5,
        "无证经营已取缔或补办证照，违法物品已依法处置",
    ),
    CategorySpec(
        "ZD03",
        "非法建设",
        True,
        "ZFZD",
        Severity.COMPLEX,
        LimitType.WORKING_DAYS,
        10,
        "违法建筑已拆除或依法立案，现场恢复原状，有拆除前后照片",
    ),
    CategorySpec(
        "ZD04",
        "安全生产",
        True,
        "AJB",
        Severity.COMPLEX,
        LimitType.URGENT_HOURS,
        24,
        "隐患已整改到位或已停产整顿，企业负责人签字确认",
    ),
    CategorySpec(
        "ZD05",
        "信访稳定",
        True,
        "XFB",
        Severity.COMPLEX,
        LimitType.WORKING_DAYS,
        15,
        "诉求已答复，当事人签收答复意见，无越级上访",
    ),
    CategorySpec(
        "ZD06",
        "基层组织建设",
        True,
        "DJB",
        Severity.GENERAL,
        LimitType.WORKING_DAYS,
        10,
        "问题已整改，相关会议记录或制度文件已归档",
    ),
    CategorySpec(
        "RC01",
        "矛盾纠纷",
        False,
        "SFS",
        Severity.GENERAL,
        LimitType.WORKING_DAYS,
        7,
        "双方达成调解协议或已引导走司法程序，无激化风险",
    ),
    CategorySpec(
        "RC02",
        "安全隐患",
        False,
        "AJB",
        Severity.GENERAL,
        LimitType.URGENT_HOURS,
        48,
        "隐患已消除或已设置警示并落实管控措施",
    ),
    CategorySpec(
        "RC03",
        "环境卫生",
        False,
        "CJB",
        Severity.SIMPLE,
        LimitType.WORKING_DAYS,
        3,
        "垃圾杂物已清运，现场整洁，有处理前后照片",
    ),
    CategorySpec(
        "RC04",
        "治安",
        False,
        "PCS",
        Severity.GENERAL,
        LimitType.URGENT_HOURS,
        24,
        "警情已处置，隐患已排除，当事人已告知处理结果",
    ),
    CategorySpec(
        "RC05",
        "民生诉求",
        False,
        "MZB",
        Severity.SIMPLE,
        LimitType.WORKING_DAYS,
        5,
        "诉求已办理或已答复政策依据，群众认可",
    ),
    CategorySpec(
        "RC06",
        "公共设施",
        False,
        "CJB",
        Severity.SIMPLE,
        LimitType.WORKING_DAYS,
        5,
        "设施已修复并恢复使用，有修复后照片",
    ),
    CategorySpec(
        "RC07",
        "人口管理",
        False,
        "PCS",
        Severity.SIMPLE,
        LimitType.WORKING_DAYS,
        5,
        "人口信息已核实登记，台账已更新",
    ),
    CategorySpec(
        "RC08",
        "其他",
        False,
        "ZZZX",
        Severity.SIMPLE,
        LimitType.WORKING_DAYS,
        5,
        "问题已处理或已转交有权处理的单位并告知反映人",
    ),
]

# township-wide stage limits (category NULL) and a few per-category overrides
STAGE_DEFAULTS: list[tuple[Stage, LimitType, int]] = [
    (Stage.INTAKE, LimitType.WORKING_HOURS, 2),
    (Stage.DISPATCH, LimitType.WORKING_HOURS, 4),
    (Stage.VERIFY, LimitType.WORKING_DAYS, 2),
]
STAGE_OVERRIDES: list[tuple[str, Stage, LimitType, int]] = [
    ("ZD04", Stage.INTAKE, LimitType.URGENT_HOURS, 1),
    ("ZD04", Stage.DISPATCH, LimitType.URGENT_HOURS, 1),
    ("ZD04", Stage.VERIFY, LimitType.WORKING_DAYS, 1),
    ("RC02", Stage.INTAKE, LimitType.URGENT_HOURS, 1),
    ("RC02", Stage.DISPATCH, LimitType.URGENT_HOURS, 2),
    ("ZD05", Stage.VERIFY, LimitType.WORKING_DAYS, 3),
]

SURNAMES = (
    "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎"
)
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华建国红梅志文斌鹏飞玉兰海燕晓东丹辉俊凤琴云峰宇浩"
PHONE_PREFIXES = [
    "130",
    "131",
    "132",
    "135",
    "136",
    "137",
    "138",
    "139",
    "150",
    "151",
    "155",
    "158",
    "166",
    "176",
    "182",
    "185",
    "186",
    "187",
    "188",
    "189",
    "199",
]
SIX_ROLES = [
    GridRole.SUPERVISOR,
    GridRole.ADMINISTRATOR,
    GridRole.PATROLLER,
    GridRole.ASSISTANT,
    GridRole.SPECIALIST,
    GridRole.INFORMANT,
]


def person_name(rng: random.Random) -> str:
    given = rng.choice(GIVEN) + (rng.choice(GIVEN) if rng.random() < 0.7 else "")
    return rng.choice(SURNAMES) + given


def phone_number(rng: random.Random) -> str:
    return rng.choice(PHONE_PREFIXES) + f"{rng.randrange(100_000_000):08d}"


# --- creating ---------------------------------------------------------------------------------------------


@dataclass
class _Builder:
    session: Session
    rng: random.Random
    logins: set[str] = field(default_factory=set)
    people: int = 0

    def person(self, department_id: int | None = None, *, active: bool = True) -> Person:
        from pypinyin import lazy_pinyin

        name = person_name(self.rng)
        base = "".join(lazy_pinyin(name))
        login, n = base, 1
        while login in self.logins:
            n += 1
            login = f"{base}{n}"
        self.logins.add(login)
        p = Person(
            name=name, phone=phone_number(self.rng), department_id=department_id, login=login, active=active
        )
        self.session.add(p)
        self.people += 1
        return p


def township_exists(session: Session) -> bool:
    return session.scalar(select(Grid.id).where(Grid.code == TOWNSHIP_CODE + "000000")) is not None


def create_reference(session: Session, *, today: date, seed: int = 20261125) -> None:
    """Create the demo township's grids, departments, categories, stage limits and staff."""
    rng = random.Random(seed)
    b = _Builder(session, rng)
    since = today - timedelta(days=3 * 365)

    depts = {code: Department(code=code, name=name, active=True) for code, name in DEPARTMENTS}
    session.add_all(depts.values())
    session.flush()

    def grid(code: str, name: str, level: int, parent: Grid | None, kind: GridKind, households: int) -> Grid:
        g = Grid(
            code=code,
            name=name,
            level=level,
            parent_id=parent.id if parent else None,
            kind=kind,
            households=households,
            active=True,
            pinyin_initials=pinyin_initials(name),
            valid_from=since,
        )
        session.add(g)
        return g

    town = grid(TOWNSHIP_CODE + "000000", TOWNSHIP_NAME, 1, None, GridKind.REGULAR, 0)
    session.flush()
    level2: list[tuple[Grid, list[Grid]]] = []
    for vi, (name, cells) in enumerate(COMMUNITIES, start=1):
        village = name.endswith("村")
        v = grid(f"{TOWNSHIP_CODE}{vi:03d}000", name, 2, town, GridKind.REGULAR, 0)
        session.flush()
        kids = []
        for gi, cell in enumerate(cells, start=1):
            hh = rng.randint(100, 200) if village else rng.randint(300, 500)
            kids.append(grid(f"{TOWNSHIP_CODE}{vi:03d}{gi:03d}", cell, 3, v, GridKind.REGULAR, hh))
        v.households = sum(k.households for k in kids)
        level2.append((v, kids))
    for number, name, kind, cells in SPECIAL_GRIDS:
        v = grid(f"{TOWNSHIP_CODE}{number:03d}000", name, 2, town, kind, 0)
        session.flush()
        kids = [
            grid(f"{TOWNSHIP_CODE}{number:03d}{gi:03d}", cell, 3, v, kind, 0)
            for gi, cell in enumerate(cells, start=1)
        ]
        level2.append((v, kids))
    town.households = sum(v.households for v, _ in level2)
    session.flush()

    for spec in CATEGORIES:
        session.add(
            Category(
                code=spec.code,
                name=spec.name,
                key_area=spec.key_area,
                default_department_id=depts[spec.department].id,
                severity=spec.severity,
                limit_type=spec.limit_type,
                limit_value=spec.limit_value,
                workflow=_workflow_text(spec),
                closing_standard=spec.closing_standard,
                active=True,
            )
        )
    session.flush()
    cat_ids = {c.code: c.id for c in session.scalars(select(Category))}
    for stage, ltype, value in STAGE_DEFAULTS:
        session.add(StageLimit(category_id=None, stage=stage, limit_type=ltype, limit_value=value))
    for code, stage, ltype, value in STAGE_OVERRIDES:
        session.add(StageLimit(category_id=cat_ids[code], stage=stage, limit_type=ltype, limit_value=value))

    # staff: department handlers, grid leaders and workers (with some past holders), the six roles of the pilot
    for code, dept in depts.items():
        for _ in range(4 if code == CENTER_DEPARTMENT else rng.randint(2, 4)):
            b.person(dept.id)
    session.flush()

    posts: list[tuple[Grid, GridRole, Person, date, date | None]] = []

    def post(g: Grid, role: GridRole) -> None:
        start = since + timedelta(days=rng.randrange(0, 200))
        if rng.random() < 0.25:  # a predecessor who left: history of the post
            old = b.person(active=rng.random() < 0.5)
            change = today - timedelta(days=rng.randrange(30, 500))
            posts.append((g, role, old, start, change - timedelta(days=1)))
            start = change
        posts.append((g, role, b.person(), start, None))

    post(town, GridRole.LEADER)
    for v, kids in level2:
        post(v, GridRole.LEADER)
        for k in kids:
            post(k, GridRole.WORKER)
    pilot = level2[0][1][:2]  # seed 002: a community pilot names six roles per grid ("一格六员")
    for k in pilot:
        for role in SIX_ROLES:
            post(k, role)
    session.flush()
    session.add_all(
        GridAssignment(grid_id=g.id, person_id=p.id, role=role, start_date=start, end_date=end)
        for g, role, p, start, end in posts
    )
    if session.get(Setting, "township_name") is None:
        session.add(Setting(key="township_name", value=TOWNSHIP_NAME))
    session.flush()


def _workflow_text(spec: CategorySpec) -> str:
    dept = dict(DEPARTMENTS)[spec.department]
    if spec.severity is Severity.SIMPLE:
        return f"网格员巡查发现→能现场处置的自巡自办→不能处置的上报中心→派遣{dept}→处置反馈→网格员核查→结案"
    if spec.severity is Severity.GENERAL:
        return f"网格员上报→中心受理立案→派遣{dept}牵头、社区（村）配合→限时办理→反馈→现场核查→结案→回访"
    return (
        f"网格员上报→中心受理立案→派遣{dept}牵头、相关部门配合联合处置→限时办理→反馈→现场核查→结案→回访；"
        "乡镇解决不了的提交每周会商，仍不能解决的逐级上报县级网格中心"
    )


# --- reading back what the generator needs ----------------------------------------------------------------


@dataclass(frozen=True)
class GridRef:
    id: int
    code: str
    name: str
    parent_name: str
    kind: GridKind
    households: int


@dataclass(frozen=True)
class CategoryRef:
    id: int
    code: str
    name: str
    department_id: int | None
    severity: Severity
    limit_type: LimitType
    limit_value: int


@dataclass
class Reference:
    township_id: int
    township_code: str
    township_name: str
    grids: list[GridRef]  # where cases are filed: active leaf grids
    categories: list[CategoryRef]
    department_ids: list[int]
    handlers: dict[int, list[tuple[int | None, str]]]  # department id → (person id, login)
    grid_workers: dict[int, str]  # grid id → login of its current worker/leader
    dispatchers: list[str]
    stage_limits: dict[tuple[int | None, Stage], tuple[LimitType, int]]


def load_reference(session: Session) -> Reference | None:
    """What the generator needs, read from the database (None when it has no township yet)."""
    town = session.scalar(
        select(Grid).where(Grid.level == 1, Grid.active.is_(True)).order_by(Grid.id).limit(1)
    )
    if town is None:
        return None
    prefix = town.code[:9]
    grids = list(session.scalars(select(Grid).where(Grid.code.startswith(prefix), Grid.active.is_(True))))
    parents = {g.parent_id for g in grids}
    names = {g.id: g.name for g in grids}
    leaves = [
        GridRef(g.id, g.code, g.name, names.get(g.parent_id or 0, ""), g.kind, g.households)
        for g in sorted(grids, key=lambda g: g.code)
        if g.level > 1 and g.id not in parents
    ]
    cats = [
        CategoryRef(c.id, c.code, c.name, c.default_department_id, c.severity, c.limit_type, c.limit_value)
        for c in session.scalars(select(Category).where(Category.active.is_(True)).order_by(Category.code))
    ]
    depts = list(
        session.scalars(select(Department).where(Department.active.is_(True)).order_by(Department.id))
    )
    handlers: dict[int, list[tuple[int | None, str]]] = {}
    for p in session.scalars(
        select(Person).where(Person.department_id.is_not(None), Person.active.is_(True)).order_by(Person.id)
    ):
        assert p.department_id is not None
        handlers.setdefault(p.department_id, []).append((p.id, p.login or p.name))
    center = next((d.id for d in depts if d.code == CENTER_DEPARTMENT), None)
    dispatchers = [login for _, login in handlers.get(center, [])] if center else []
    workers: dict[int, str] = {}
    rows = session.execute(
        select(GridAssignment.grid_id, Person.login, Person.name)
        .join(Person, Person.id == GridAssignment.person_id)
        .where(GridAssignment.end_date.is_(None), GridAssignment.role.in_([GridRole.WORKER, GridRole.LEADER]))
        .order_by(GridAssignment.role, GridAssignment.id)  # "worker" sorts after "leader": it wins
    ).all()
    for gid, login, name in rows:
        workers[gid] = login or name
    limits = {
        (s.category_id, s.stage): (s.limit_type, s.limit_value) for s in session.scalars(select(StageLimit))
    }
    return Reference(
        township_id=town.id,
        township_code=town.code,
        township_name=town.name,
        grids=leaves,
        categories=cats,
        department_ids=[d.id for d in depts if d.id != center],
        handlers=handlers,
        grid_workers=workers,
        dispatchers=dispatchers or ["dispatcher"],
        stage_limits=limits,
    )
