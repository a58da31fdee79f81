"""Deterministic synthetic programme trees for the benchmark (学会能力提升专项基准测试数据).

``make_tree(root, n, seed)`` writes a complete, valid tree under ``root/submissions/``: the programme
settings, the office records, the 2026 call and its formal review, ``n`` society profiles and ``n`` applications of about 12 KB
each, every one distinct (Chinese text drawn from phrase pools, numbers, dates and budgets drawn from a
seeded ``random.Random``). Nothing reads the clock; the same ``(n, seed)`` gives the same bytes, and file
``i`` does not depend on ``n``.

The tree passes ``xuehui check --now 2026-11-26`` with no findings, and every application passes
``check-jsonschema --schemafile schemas/application.schema.json``. ``make_tree(..., findings=True)`` writes
the same tree with findings in every society profile and every application (still schema-valid).

Importing this module has no side effects.
"""

from __future__ import annotations

import json
import random
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

__all__ = [
    "CYCLE",
    "NOW",
    "NOW_OPEN",
    "SIZE_MAX",
    "SIZE_MIN",
    "credit_check_char",
    "make_credit_code",
    "make_tree",
    "render_application",
    "render_decisions",
    "with_findings",
]

CYCLE = 2026
NOW = "2026-11-26"  # the --now the tree is valid for
NOW_OPEN = "2026-10-31T12:00"  # a --now before the deadline: when a society checks its own application
DEADLINE = date(2026, 10, 31)
WINDOW_START = date(2024, 1, 1)  # every date in an application falls within WINDOW_START..DEADLINE
CALL_PUBLISHED = date(2026, 9, 1)
FORMAL_REVIEW = date(2026, 11, 6)  # recorded in decisions.yaml: after the deadline, before NOW
MAX_REQUEST = Decimal("200000.00")
SIZE_MIN = 11_100  # bytes: every application is 12 KB ± 10 % (both 12,000 and 12,288 read as "12 KB")
SIZE_MAX = 13_200
_TARGET_LOW, _TARGET_HIGH = 11_600, 12_800

# ---------------------------------------------------------------------------------------------------------
# GB 32100-2015 unified social credit codes
# ---------------------------------------------------------------------------------------------------------

CREDIT_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
CREDIT_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
CREDIT_PREFIX = "51420100"  # 5 民政 · 1 社会团体 · 420100 武汉市
_ORG_WEIGHTS = (3, 7, 9, 10, 5, 8, 4, 2)  # GB 11714 organisation code (characters 9-17 of the credit code)


def credit_check_char(first17: str) -> str:
    """The 18th character: alphabet[(31 − Σ value·weight mod 31) mod 31]."""
    total = sum(CREDIT_ALPHABET.index(c) * w for c, w in zip(first17, CREDIT_WEIGHTS, strict=True))
    return CREDIT_ALPHABET[(31 - total % 31) % 31]


def _org_code(body8: str) -> str:
    """An 8-digit organisation code body plus its GB 11714 check character."""
    total = sum(int(c) * w for c, w in zip(body8, _ORG_WEIGHTS, strict=True))
    check = 11 - total % 11
    return body8 + {10: "X", 11: "0"}.get(check, str(check))


def make_credit_code(number: int) -> str:
    """A valid credit code for organisation number ``number`` (0 ≤ number < 10**7); distinct numbers give
    distinct codes."""
    first17 = CREDIT_PREFIX + _org_code(f"5{number:07d}")
    return first17 + credit_check_char(first17)


# ---------------------------------------------------------------------------------------------------------
# Fixed files: the programme settings, the call, the expert pool
# ---------------------------------------------------------------------------------------------------------

PROGRAMME_YAML = """\
# yaml-language-server: $schema=../schemas/programme.schema.json
# Programme-wide settings, kept by the programme office (专项办公室).
# Normative example: field names here are the contract that the rules and the site rely on.
schema_version: 1
name: 学会能力提升专项
organiser: 武汉市科学技术协会          # 武汉市科协
office:
  name: 学会能力提升专项办公室
  email: xhzx@example.org               # public contact for questions and objections
  phone: 027-00000000
  address: 武汉市江岸区示例路1号
  maintainers: [office-bot, office-li]  # forge logins allowed to change office files and code
timezone: Asia/Shanghai
site:
  title: 武汉市科协学会能力提升专项
  url: https://awards.example.org/
  objection_form: https://forge.example.org/org/awards/issues/new?template=objection.yml

# 二（一）: the four capability areas. Keys are used everywhere (achievements, budget, scoring).
areas:
  innovation:          {title: 服务创新能力}
  society_government:  {title: 服务社会和政府能力}
  scientists:          {title: 服务科技工作者能力}
  self_development:    {title: 自我发展能力}

# 五（三）: what the award may pay for. Allowed categories each belong to one area.
expense_categories:
  academic_exchange:      {title: 学术交流活动,           area: innovation}
  journal:                {title: 科技期刊建设,           area: innovation}
  discipline_research:    {title: 学科发展与学科史研究,   area: innovation}
  integrity:              {title: 学风道德与学术诚信建设, area: innovation}
  achievement_promotion:  {title: 科研成果推广,           area: innovation}
  entrusted_work:         {title: 承接政府委托工作,       area: society_government}
  evaluation_awards:      {title: 科技评价与科技奖励,     area: society_government}
  policy_consulting:      {title: 决策咨询,               area: society_government}
  tech_service:           {title: 技术服务,               area: society_government}
  standards:              {title: 行业与技术标准制定,     area: society_government}
  science_popularization: {title: 科普活动,               area: society_government}
  member_service:         {title: 会员服务,               area: scientists}
  talent:                 {title: 人才举荐与宣传表彰,     area: scientists}
  accreditation:          {title: 工程教育与专业技术资格认证, area: scientists}
  training:               {title: 继续教育与培训,         area: scientists}
  governance:             {title: 内部治理与制度建设,     area: self_development}
  secretariat_capacity:   {title: 办事机构队伍职业化建设, area: self_development}
forbidden_categories:       # never payable from the award; a budget or spending line in one is an error
  personnel:       人员经费
  office_routine:  日常办公经费
  donation:        捐款
  sponsorship:     赞助
  fine:            支付罚款
  loan_repayment:  还贷
  investment:      对外投资
  construction:    基建
  unrelated:       与本项目无关的支出
# Words that suggest a forbidden use even when a line is filed under an allowed category
# (a warning for reviewers).
suspicious_words:
  personnel: [工资, 薪酬, 社保, 公积金, 绩效奖金]
  office_routine: [办公用房, 办公室租金, 水电费, 物业费, 办公用品, 日常办公]
  donation: [捐款, 捐赠]
  sponsorship: [赞助]
  fine: [罚款, 罚金, 滞纳金]
  loan_repayment: [还贷, 贷款, 利息]
  investment: [对外投资, 理财, 入股]
  construction: [基建, 装修, 购房, 工程建设]

eligibility:
  # 三（一）: each year's summary and next-year plan are due by this month-day
  annual_report_deadline: "12-31"
  min_staff: 1                      # 三（一）: staff of a corresponding scale
  council_term_years: 5             # a council older than this is flagged (warning) for 换届
  ban_years: 3                      # 五（二）: fraud bars a society from applying for 3 years
  # 三（二）: violations and criticism decided in this many years before the cycle count (extension)
  sanction_lookback_years: 2
"""

CALL_YAML = """\
# yaml-language-server: $schema=../../schemas/call.schema.json
# 申报通知: the call for applications of one cycle, published by the office.
schema_version: 1
cycle: 2026
title: 关于开展2026年度学会能力提升专项申报工作的通知
issuer: 武汉市科学技术协会
doc_number: 武科协〔2026〕18号
published: "2026-09-01"
deadline: "2026-10-31T17:00:00+08:00"     # applications (pull requests) opened after this fail the check
awards:                                    # 奖励名额 and amounts (以奖代补)
  - tier: 一等
    count: 3
    amount: 200000.00
  - tier: 二等
    count: 7
    amount: 100000.00
scoring:                                   # expert review: maximum points per area, total 100
  max_points: {innovation: 30, society_government: 30, scientists: 20, self_development: 20}
  trim: 1                                  # drop this many highest and lowest totals (5+ reviewers)
  trim_min_reviewers: 5                    # trim only when at least this many experts scored
publicity:
  days: 10                                 # 公示十天
  day_kind: calendar                       # calendar | working (Chinese working days)
plan_due_days: 30                          # 实施阶段: plan due this many days after commendation
implementation_period:                     # spending in reports must fall inside
  start: "2027-01-01"
  end: "2027-10-31"
body: |
  各市属学会：
  为提升学会综合能力，现开展2026年度学会能力提升专项申报工作。申报材料以拉取请求方式提交，截止时间为2026年10月31日17时。
"""

# The allowed expense categories of PROGRAMME_YAML and the area each belongs to (kept in step by hand;
# ``xuehui check`` reports ACH-001 / FUND-001 if they ever drift apart).
CATEGORY_AREA: dict[str, str] = {
    "academic_exchange": "innovation",
    "journal": "innovation",
    "discipline_research": "innovation",
    "integrity": "innovation",
    "achievement_promotion": "innovation",
    "entrusted_work": "society_government",
    "evaluation_awards": "society_government",
    "policy_consulting": "society_government",
    "tech_service": "society_government",
    "standards": "society_government",
    "science_popularization": "society_government",
    "member_service": "scientists",
    "talent": "scientists",
    "accreditation": "scientists",
    "training": "scientists",
    "governance": "self_development",
    "secretariat_capacity": "self_development",
}
AREAS: tuple[str, ...] = ("innovation", "society_government", "scientists", "self_development")
SUSPICIOUS_WORDS: tuple[str, ...] = (
    "工资", "薪酬", "社保", "公积金", "绩效奖金", "办公用房", "办公室租金", "水电费", "物业费", "办公用品",
    "日常办公", "捐款", "捐赠", "赞助", "罚款", "罚金", "滞纳金", "还贷", "贷款", "利息", "对外投资",
    "理财", "入股", "基建", "装修", "购房", "工程建设",
)  # fmt: skip

# ---------------------------------------------------------------------------------------------------------
# Phrase pools
# ---------------------------------------------------------------------------------------------------------

DISCIPLINES: tuple[str, ...] = (
    "机械工程", "汽车工程", "电机工程", "电子学", "计算机", "自动化", "通信", "仪器仪表", "光学",
    "激光", "物理", "化学", "化工", "材料研究", "金属", "腐蚀与防护", "焊接", "铸造", "热处理",
    "力学", "振动工程", "土木建筑", "岩石力学", "水利", "水运", "铁道", "公路", "城市规划", "测绘",
    "地理信息", "地质", "地震", "气象", "环境科学", "生态", "林业", "园艺", "农学", "畜牧兽医",
    "水产", "植物保护", "土壤肥料", "作物", "茶叶", "食品科学技术", "营养", "医学", "药学",
    "中医药", "中西医结合", "护理", "预防医学", "生物医学工程", "心理", "生理科学",
    "生物化学与分子生物学", "微生物", "遗传", "植物学", "动物学", "数学", "统计", "运筹",
    "系统工程", "管理科学", "科技情报", "图书馆", "档案", "科普作家", "科技新闻", "科技史",
    "自然辩证法", "能源研究", "电力", "石油", "燃气", "制冷", "暖通空调", "照明", "声学",
    "纺织工程", "造纸", "印刷", "包装", "粮油", "航空航天", "船舶工程", "人工智能", "大数据",
    "网络安全", "集成电路", "光电子", "颗粒学", "图学", "信息化",
)  # fmt: skip

NAME_PREFIXES: tuple[str, ...] = (
    "武汉市", "武汉地区", "武汉东湖新技术开发区", "武汉城市圈", "武汉市青年", "武汉长江",
    "江岸区", "江汉区", "硚口区", "汉阳区", "武昌区", "洪山区", "青山区", "东西湖区", "蔡甸区",
    "江夏区", "黄陂区", "新洲区",
)  # fmt: skip

TOPICS: tuple[str, ...] = (
    "智能制造", "绿色低碳", "数字化转型", "新材料应用", "关键共性技术", "高质量发展", "产学研协同",
    "科技成果转化", "长江大保护", "光谷科创大走廊", "城市更新", "乡村振兴", "健康中国", "碳达峰碳中和",
    "人工智能赋能", "工业互联网", "安全生产", "应急管理", "质量提升", "青年人才成长", "科学普及",
    "学术诚信", "国际科技交流", "区域协同创新", "知识产权保护", "创新方法推广", "智慧城市",
    "生态文明", "老龄健康", "数字经济", "先进制造业集群", "科技自立自强",
)  # fmt: skip

PLACES: tuple[str, ...] = (
    "武汉国际会议中心", "东湖国际会议中心", "华中科技大学", "武汉大学", "武汉理工大学",
    "中国地质大学（武汉）", "华中农业大学", "湖北省科技馆", "武汉科技会堂", "光谷科技会展中心",
    "江汉大学", "武汉科技大学", "武汉纺织大学", "湖北工业大学", "武汉工程大学", "华中师范大学",
    "武汉市民之家", "武汉科技馆", "东湖高新区创新中心", "汉口文化体育中心",
)  # fmt: skip

PARTNERS: tuple[str, ...] = (
    "武汉市科学技术协会", "武汉市科学技术局", "武汉市经济和信息化局", "武汉市市场监督管理局",
    "武汉市生态环境局", "武汉市卫生健康委员会", "武汉市教育局", "湖北省科学技术协会",
    "东湖新技术开发区管委会", "武汉市农业农村局", "武汉市自然资源和城乡建设局", "武汉市应急管理局",
    "武汉市水务局", "武汉市交通运输局", "各区科协",
)  # fmt: skip

MEDIA: tuple[str, ...] = (
    "长江日报", "湖北日报", "武汉晚报", "楚天都市报", "学习强国湖北平台", "科技日报", "武汉电视台",
    "长江云", "中国科技网",
)  # fmt: skip

SURNAMES: tuple[str, ...] = (
    "王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭",
    "何", "高", "林", "罗", "郑", "梁", "谢", "宋", "唐", "许", "韩", "冯", "邓", "曹", "彭", "曾",
    "肖", "田", "董", "袁", "潘", "于", "蒋", "蔡", "余", "杜", "叶", "程", "魏", "苏", "吕", "丁",
)  # fmt: skip
GIVEN: tuple[str, ...] = (
    "敏", "伟", "芳", "静", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明", "超", "秀英",
    "霞", "平", "刚", "桂英", "建华", "文", "华", "红", "志强", "晓东", "丽", "鹏", "婷", "海燕",
    "国庆", "春梅", "晨", "宇", "思远", "子涵", "欣怡", "俊杰", "嘉怡", "浩然", "雨桐", "立新",
)  # fmt: skip
RULE_NAMES: tuple[str, ...] = (
    "理事会议事规则", "常务理事会议事规则", "财务管理办法", "会员管理办法", "分支机构管理办法",
    "学术活动管理办法", "印章管理制度", "档案管理制度", "重大事项报告制度", "信息公开制度",
    "秘书处工作规则", "监事会工作规则", "专家库管理办法",
)  # fmt: skip
FINANCE_RULES: tuple[str, ...] = (
    "财务管理办法", "专项资金管理办法", "会费收支管理办法", "票据管理制度", "资产管理制度",
    "内部审计制度", "经费报销审批制度",
)  # fmt: skip
FOCUS: tuple[str, ...] = (
    "品牌学术会议", "团体标准", "青年人才培养", "科技期刊", "决策咨询", "科普品牌活动", "会员服务体系",
    "秘书处职业化", "成果转化平台", "学科发展研究", "继续教育", "技术服务站", "科技奖励评审",
    "学术诚信建设", "国际交流合作", "数字化学会建设",
)  # fmt: skip
ORDINALS: tuple[str, ...] = (
    "一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二", "十三", "十四",
    "十五", "十六", "十七", "十八", "十九", "二十", "二十一", "二十二", "二十三", "二十四", "二十五",
)  # fmt: skip

# Achievement titles per expense category. Placeholders: {disc} {topic} {year} {ord} {n} {partner}.
TITLES: dict[str, tuple[str, ...]] = {
    "academic_exchange": (
        "第{ord}届华中{disc}学术年会",
        "{year}年武汉{disc}青年学者论坛",
        "“{topic}”高端学术研讨会",
        "{disc}前沿技术系列报告会（第{n}期）",
        "长江中游城市群{disc}学术交流会",
    ),
    "journal": (
        "《武汉{disc}》办刊质量提升工程",
        "学会期刊编委会换届及审稿专家库建设",
        "《{disc}通讯》数字化出版平台上线",
        "学会期刊“{topic}”专刊组稿出版",
    ),
    "discipline_research": (
        "《武汉{disc}学科发展报告（{year}）》编制",
        "武汉{disc}学科史资料整理与口述史采集",
        "{disc}学科“{topic}”方向发展路线图研究",
    ),
    "integrity": (
        "{year}年度科研诚信与学风建设宣讲",
        "新入会会员科学道德教育专题报告会",
        "{disc}领域学术不端案例警示教育活动",
    ),
    "achievement_promotion": (
        "“{topic}”科技成果对接会",
        "{disc}领域成果转化路演（第{n}场）",
        "{disc}科技成果汇编与推介",
    ),
    "entrusted_work": (
        "承接{partner}“{topic}”专题调研",
        "承担{partner}委托的{disc}行业统计分析",
        "承接{partner}{disc}项目评审组织工作",
    ),
    "evaluation_awards": (
        "{year}年度武汉{disc}科学技术奖评审组织",
        "科技成果第三方评价（{n}项）",
        "{disc}青年优秀论文评选",
    ),
    "policy_consulting": (
        "《关于推进武汉{topic}的建议》决策咨询报告",
        "{disc}领域专家建言献策座谈会",
        "“{topic}”专题决策咨询课题",
    ),
    "tech_service": (
        "面向中小企业的{topic}技术诊断服务",
        "{disc}技术服务站建设与运行",
        "“科技专家进园区”{disc}技术服务行动",
    ),
    "standards": (
        "牵头制定《{disc}{topic}评价指南》团体标准",
        "参与修订《{disc}检测技术规范》地方标准",
        "《{topic}数据接口规范》团体标准研制",
    ),
    "science_popularization": (
        "{year}年全国科普日{disc}主题活动",
        "“{topic}”科普进社区系列讲座",
        "科技活动周{disc}科普开放日",
        "{disc}科普短视频创作与传播",
    ),
    "member_service": (
        "会员之家建设与会员信息库更新",
        "{year}年会员日暨新会员入会仪式",
        "会员专属{disc}文献与数据服务",
    ),
    "talent": (
        "推荐{n}名青年科技工作者参评武汉市青年科技奖",
        "“最美{disc}科技工作者”宣传推选",
        "{disc}青年人才托举工程",
    ),
    "accreditation": (
        "{disc}专业技术资格评审协助工作",
        "工程教育认证专家培训（{n}人次）",
        "{disc}工程师能力评价试点",
    ),
    "training": (
        "{disc}继续教育培训班（第{n}期）",
        "“{topic}”专题研修班",
        "{disc}青年科技工作者培训班",
    ),
    "governance": (
        "修订《学会章程》及配套管理制度",
        "第{ord}次会员代表大会暨换届选举",
        "学会党建与业务融合工作机制建设",
        "分支机构清理规范与制度完善",
    ),
    "secretariat_capacity": (
        "秘书处工作人员职业化能力培训",
        "秘书处岗位职责与考核制度完善",
        "学会数字化办公与会员管理系统建设",
    ),
}

# Opening sentences of achievement descriptions per area.
OPENINGS: dict[str, tuple[str, ...]] = {
    "innovation": (
        "本项工作围绕{topic}这一主题，聚焦{disc}领域的关键科学问题和工程技术难题展开。",
        "学会联合{partner}共同组织，突出学术性、前沿性和开放性，着力打造区域学术交流品牌。",
        "为推动{disc}学科创新发展，学会于{year}年{month}月在{place}组织开展本项工作。",
    ),
    "society_government": (
        "学会发挥智力密集、人才荟萃的优势，围绕{topic}为政府决策和社会发展提供专业支撑。",
        "受{partner}委托，学会组织{disc}领域专家开展本项工作，历时{n_small}个月完成。",
        "本项工作面向社会公众和行业企业，以{topic}为切入点，服务地方经济社会发展。",
    ),
    "scientists": (
        "学会坚持以科技工作者为本，围绕{topic}为会员成长搭建平台、提供服务。",
        "本项工作面向全市{disc}领域科技工作者，特别是青年科技人才，于{year}年{month}月启动。",
        "为增强会员的获得感和归属感，学会联合{place}共同组织开展本项工作。",
    ),
    "self_development": (
        "学会坚持依法依章程办会，以制度建设为抓手，持续提升内部治理水平。",
        "为适应新时期学会改革发展要求，学会于{year}年{month}月启动本项工作，由秘书处具体落实。",
        "本项工作着眼于办事机构的专业化、职业化建设，着力提升学会服务能力和运行效率。",
    ),
}

# Body sentences shared by all areas. Placeholders as above plus {n_people} {n_small} {n_tiny} {pct}
# {n_papers} {n_big} {media} {place} {month}.
SENTENCES: tuple[str, ...] = (
    "活动设主论坛1个、专题分论坛{n_small}个，邀请院士及知名专家作特邀报告{n_tiny}场。",
    "来自高校、科研院所和企业的{n_people}名科技工作者参加，其中青年科技工作者占比约{pct}%。",
    "共收录学术论文{n_papers}篇，评选优秀论文{n_small}篇，并择优推荐至核心期刊发表。",
    "学会组织专家{n_small}人次赴{place}等地开展实地调研，形成调研报告{n_tiny}份。",
    "相关建议被有关部门采纳{n_tiny}条，为{topic}相关政策的制定提供了参考。",
    "活动通过网络直播同步传播，累计观看超过{n_big}人次，{media}等媒体进行了报道。",
    "项目实施中建立了专家咨询、过程督导和成果评估三项机制，确保各环节按计划推进。",
    "活动结束后，学会编印工作简报{n_tiny}期，并在学会网站和微信公众号发布专题报道。",
    "学会秘书处全程做好组织协调，制定了详细的工作方案和应急预案，保障活动安全有序。",
    "参与单位涵盖{n_small}家企事业单位，促成合作意向{n_tiny}项，取得了良好的社会效益。",
    "学会邀请{n_tiny}位资深专家组成评审组，严格按照评审办法开展评议，确保结果公正。",
    "相关成果已汇编成册，发放至会员单位{n_small}家，并报送{partner}备案。",
    "本项工作得到了{partner}的肯定，被列为{year}年度学会工作的示范案例之一。",
    "学会在{place}设立工作站，常态化开展咨询服务，全年服务企业和群众{n_people}人次。",
    "通过本项工作，学会与{n_small}家高校和科研院所建立了长期合作关系。",
    "工作中注重发挥青年科技工作者作用，{n_small}名青年会员承担了主要组织和研究任务。",
    "活动期间开展了学术沙龙、海报交流和企业参观等形式多样的交流活动，反响热烈。",
    "与会专家围绕{topic}深入研讨，形成了具有前瞻性和可操作性的共识和建议。",
    "项目经费实行专款专用，学会财务部门全过程跟踪，支出凭证齐全、规范。",
    "活动满意度调查显示，参与者总体满意率达到{pct}%以上。",
    "学会将活动形成的课件、视频等资料上传至会员服务平台，供会员免费学习。",
    "参训学员经考核合格后获得继续教育学时证明，累计发放证明{n_people}份。",
    "学会修订完善了相关工作规程{n_tiny}项，进一步明确了职责分工和工作流程。",
    "标准文本经{n_tiny}轮专家审查和公开征求意见，共收到修改意见{n_papers}条，均已逐条处理。",
    "科普内容通俗易懂、形式新颖，累计覆盖社区和中小学{n_small}个，受众{n_big}人次。",
    "学会在理事会上专题通报了工作进展，理事们对取得的成效给予充分肯定。",
    "工作成果入选{partner}年度优秀案例，为同类学会开展相关工作提供了借鉴。",
    "学会组织编写的技术手册发行{n_people}册，受到一线工程技术人员的欢迎。",
    "本项工作带动会员单位投入配套经费，形成了多方参与、共建共享的良好局面。",
    "活动期间共征集{disc}领域技术需求{n_small}项，现场对接成功{n_tiny}项。",
    "学会秘书处建立了工作台账，按月跟踪进度，按季度向理事会报告。",
    "评选出的优秀成果和先进个人在学会年会上进行了表彰，营造了崇尚创新的良好氛围。",
    "调研覆盖全市{n_small}个区，发放问卷{n_people}份，回收有效问卷{n_papers}份。",
    "围绕{topic}形成的决策咨询报告获市领导批示{n_tiny}次。",
    "学会新发展个人会员{n_people}名、单位会员{n_small}家，会员结构进一步优化。",
    "线上线下相结合的方式扩大了覆盖面，偏远地区的会员也能便捷参与。",
    "学会同步开展了{disc}科技工作者状况调查，为后续精准服务会员打下了基础。",
    "工作中严格执行学会财务管理办法，重大支出经常务理事会审议。",
    "学会与{media}建立了宣传合作机制，全年刊发相关稿件{n_small}篇。",
    "本项工作已连续开展{n_tiny}年，形成了稳定的组织模式和品牌影响力。",
)

# Budget items per category (checked against SUSPICIOUS_WORDS when drawn).
ITEMS: dict[str, tuple[str, ...]] = {
    "academic_exchange": (
        "第{ord}届华中{disc}学术年会会务组织",
        "{disc}青年学者论坛专家差旅",
        "“{topic}”学术研讨会场地与资料",
    ),
    "journal": ("学会期刊审稿与编校质量提升", "期刊数字化出版平台维护", "“{topic}”专刊组稿与出版"),
    "discipline_research": ("《武汉{disc}学科发展报告》编制与印刷", "学科史资料采集与整理"),
    "integrity": ("科研诚信宣讲活动组织", "学风建设专题资料编印"),
    "achievement_promotion": ("“{topic}”科技成果对接会组织", "{disc}成果汇编与推介"),
    "entrusted_work": ("{topic}专题调研实施", "委托项目专家论证与评审"),
    "evaluation_awards": ("{disc}科学技术奖评审组织", "科技成果评价专家咨询"),
    "policy_consulting": ("“{topic}”决策咨询课题研究", "建言献策座谈会组织"),
    "tech_service": ("{disc}技术服务站运行", "中小企业技术诊断服务"),
    "standards": ("《{topic}评价指南》团体标准研制与评审", "地方标准修订专家论证会"),
    "science_popularization": ("全国科普日{disc}主题活动", "“{topic}”科普进社区讲座", "科普短视频制作与传播"),
    "member_service": ("会员信息库升级与会员日活动", "会员文献与数据服务"),
    "talent": ("青年人才托举工程", "优秀科技工作者宣传推选"),
    "accreditation": ("专业技术资格评审协助", "工程教育认证专家培训"),
    "training": ("{disc}继续教育培训班", "“{topic}”专题研修班", "青年科技工作者培训班"),
    "governance": ("学会治理制度修订与培训", "会员代表大会筹备与组织"),
    "secretariat_capacity": ("秘书处人员职业化能力培训", "学会数字化管理系统建设"),
}

APPROACH: tuple[str, ...] = (
    "学会将以本次专项为契机，围绕{topic}这一主线，统筹推进学术交流、决策咨询、会员服务和自身建设。",
    "在服务创新方面，重点办好华中{disc}学术年会和青年学者论坛，打造具有区域影响力的学术品牌。",
    "在服务社会和政府方面，发挥专家智库作用，围绕{topic}开展专题调研，形成高质量咨询报告。",
    "在服务科技工作者方面，完善会员服务体系，实施青年人才托举工程，每年举办继续教育培训班{n_tiny}期。",
    "在自我发展方面，完善内部治理结构，推进秘书处职业化建设，提升学会规范化运行水平。",
    "专项资金纳入学会财务统一管理，单独核算、专款专用，重大支出经常务理事会审议后执行。",
    "学会将建立年度目标责任制，按季度检查进度，确保各项任务按期完成并接受专项办公室监督。",
)

PARAGRAPH_BREAK_OVER = 140  # characters: longer descriptions are written as two-paragraph literal blocks

# ---------------------------------------------------------------------------------------------------------
# YAML writing helpers
# ---------------------------------------------------------------------------------------------------------

_PLAIN_BAD_START = set("-?:,[]{}#&*!|>'\"%@` ")
_PLAIN_RESERVED = re.compile(
    r"(?:~|null|Null|NULL|true|True|TRUE|false|False|FALSE|[-+]?[0-9][0-9._:eE+-]*|\.[0-9].*|\..*)\Z"
)


def scalar(text: str, *, flow: bool = False) -> str:
    """``text`` as a YAML scalar: plain when both loaders read it back as the same string, else quoted."""
    plain = (
        text
        and text[0] not in _PLAIN_BAD_START
        and text == text.strip()
        and "\n" not in text
        and ": " not in text
        and " #" not in text
        and not text.endswith(":")
        and not _PLAIN_RESERVED.match(text)
        and not (flow and any(c in text for c in ",[]{}"))
    )
    return text if plain else json.dumps(text, ensure_ascii=False)


def quoted(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


def flow_list(items: Sequence[str]) -> str:
    return "[" + ", ".join(scalar(i, flow=True) for i in items) + "]"


def money(amount: Decimal) -> str:
    return f"{amount:.2f}"


def _has_suspicious(text: str) -> bool:
    return any(word in text for word in SUSPICIOUS_WORDS)


# ---------------------------------------------------------------------------------------------------------
# Per-society data
# ---------------------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class SocietyInfo:
    index: int
    slug: str
    name: str
    short_name: str
    discipline: str
    abbreviation: str  # one character used in resolution numbers: 武{abbr}学〔2026〕5号
    credit_code: str
    domain: str
    founded: int
    council_elected: date


def _slug(index: int) -> str:
    return f"bench-society-{index:04d}"


def _names(n: int, seed: int) -> list[tuple[str, str]]:
    """``n`` distinct (name, discipline) pairs, shuffled deterministically."""
    pairs = [(prefix, disc) for prefix in NAME_PREFIXES for disc in DISCIPLINES]
    random.Random(f"names-{seed}").shuffle(pairs)
    out: list[tuple[str, str]] = []
    for i in range(n):
        prefix, disc = pairs[i % len(pairs)]
        round_ = i // len(pairs)
        suffix = "学会" if round_ == 0 else f"学会（第{round_ + 1}分会）"
        out.append((f"{prefix}{disc}{suffix}", disc))
    return out


def _societies(n: int, seed: int) -> list[SocietyInfo]:
    rng = random.Random(f"societies-{seed}")
    numbers = rng.sample(range(10**7), n)
    out: list[SocietyInfo] = []
    for i, ((name, disc), number) in enumerate(zip(_names(n, seed), numbers, strict=True), start=1):
        srng = random.Random(f"society-{seed}-{i}")
        slug = _slug(i)
        out.append(
            SocietyInfo(
                index=i,
                slug=slug,
                name=name,
                short_name=f"{disc}学会",
                discipline=disc,
                abbreviation=disc[0],
                credit_code=make_credit_code(number),
                domain=f"s{i:04d}.example.org",
                founded=srng.randint(1956, 2015),
                council_elected=_rand_date(srng, date(2022, 1, 1), date(2025, 12, 31)),
            )
        )
    return out


def _rand_date(rng: random.Random, start: date, end: date) -> date:
    return start + timedelta(days=rng.randint(0, (end - start).days))


def _person(rng: random.Random) -> str:
    return rng.choice(SURNAMES) + rng.choice(GIVEN)


# ---------------------------------------------------------------------------------------------------------
# Text from pools
# ---------------------------------------------------------------------------------------------------------


class _Filler:
    """Fills placeholders with values drawn from one file's random stream."""

    def __init__(self, rng: random.Random, society: SocietyInfo) -> None:
        self.rng = rng
        self.society = society

    def fill(self, template: str, **fixed: str) -> str:
        r = self.rng
        values: dict[str, str] = {
            "disc": self.society.discipline,
            "topic": r.choice(TOPICS),
            "year": str(r.choice((2024, 2025))),
            "ord": r.choice(ORDINALS),
            "n": str(r.randint(2, 30)),
            "partner": r.choice(PARTNERS),
            "place": r.choice(PLACES),
            "media": r.choice(MEDIA),
            "month": str(r.randint(1, 12)),
            "n_people": str(r.randint(60, 1800)),
            "n_small": str(r.randint(3, 40)),
            "n_tiny": str(r.randint(2, 9)),
            "pct": str(r.randint(35, 98)),
            "n_papers": str(r.randint(40, 420)),
            "n_big": str(r.randint(2000, 150000)),
        }
        values.update(fixed)
        return template.format(**values)

    def description(self, area: str, chars: int, pool: list[str], **fixed: str) -> list[str]:
        """Sentences of about ``chars`` characters, the first an opening for ``area``; body sentences are
        taken from ``pool`` (templates not used yet in this description), which shrinks."""
        sentences = [self.fill(self.rng.choice(OPENINGS[area]), **fixed)]
        while sum(map(len, sentences)) < chars and pool:
            sentences.append(self.fill(pool.pop(), **fixed))
        return sentences


# ---------------------------------------------------------------------------------------------------------
# Applications
# ---------------------------------------------------------------------------------------------------------


@dataclass(slots=True)
class _Achievement:
    area: str
    title: str
    day: date
    kind: str
    sentences: list[str]
    evidence: list[str]
    pool: list[str]  # body sentence templates not used yet

    def fixed(self) -> dict[str, str]:
        return {"year": str(self.day.year), "month": str(self.day.month)}


def _render_description(sentences: Sequence[str], indent: str) -> str:
    text = "".join(sentences)
    if len(text) <= PARAGRAPH_BREAK_OVER or len(sentences) < 3:
        return f"{indent}description: {scalar(text)}\n"
    half = len(sentences) // 2
    first, second = "".join(sentences[:half]), "".join(sentences[half:])
    return f"{indent}description: |-\n{indent}  {first}\n{indent}  {second}\n"


def _budget(rng: random.Random, filler: _Filler) -> tuple[Decimal, list[tuple[str, str, Decimal]]]:
    """A requested total ≤ MAX_REQUEST and 6-12 lines in allowed categories summing to it exactly."""
    total = Decimal(rng.randrange(900, 2001)) * 100
    if total < MAX_REQUEST and rng.random() < 0.3:
        total += Decimal(rng.choice((50, 25, 80))) / 100  # a few requests are not whole yuan hundreds
    count = rng.randint(6, 12)
    categories = rng.sample(sorted(CATEGORY_AREA), count)
    while True:
        weights = [rng.uniform(0.5, 2.0) for _ in range(count)]
        scale = sum(weights)
        amounts = [(total * Decimal(w / scale) / 100).quantize(Decimal("1")) * 100 for w in weights[:-1]]
        amounts = [a if rng.random() < 0.8 else a + Decimal(rng.randint(1, 99)) for a in amounts]
        last = total - sum(amounts, Decimal(0))
        if all(a >= 2000 for a in amounts) and last >= 2000:
            break
    amounts.append(last)
    lines: list[tuple[str, str, Decimal]] = []
    for category, amount in zip(categories, amounts, strict=True):
        while True:
            item = filler.fill(rng.choice(ITEMS[category]))
            if not _has_suspicious(item):
                break
        lines.append((category, item, amount.quantize(Decimal("0.01"))))
    assert sum((a for _, _, a in lines), Decimal(0)) == total <= MAX_REQUEST
    return total.quantize(Decimal("0.01")), lines


@dataclass(slots=True)
class _Application:
    society: SocietyInfo
    head: str  # everything before achievements
    achievements: list[_Achievement]
    tail: str  # plan and budget


def _head(rng: random.Random, s: SocietyInfo) -> str:
    # Applications hold no contact and no bank account (issue 11: those live in the committee repository).
    board = rng.choice(("理事会", "常务理事会"))
    board_day = _rand_date(rng, date(2026, 9, 2), date(2026, 10, 30))
    resolution = f"武{s.abbreviation}学〔2026〕{rng.randint(1, 30)}号"
    council = rng.randint(25, 90)
    standing = rng.randint(7, max(8, council // 3))
    rules = ["学会章程", *rng.sample(RULE_NAMES, rng.randint(2, 6))]
    secretary = _person(rng)
    deputy = _person(rng) if rng.random() < 0.4 else None
    full_time, part_time = rng.randint(1, 8), rng.randint(0, 6)
    finance_rules = rng.sample(FINANCE_RULES, rng.randint(2, 4))
    lines = [
        "# yaml-language-server: $schema=../../../schemas/application.schema.json",
        f"# 学会能力提升专项申报书：{s.name}（{CYCLE}年度）。基准测试合成数据，内容虚构。",
        "schema_version: 1",
        f"cycle: {CYCLE}",
        f"society: {s.slug}    # = 文件名 = 学会简介 submissions/societies/{s.slug}.yaml",
        "",
        "board_approval:                          # 四（一）",
        f"  body: {board}",
        f"  date: {quoted(board_day.isoformat())}",
        f"  resolution: {scalar(resolution)}",
        "",
        "eligibility:                             # 三（一）",
        "  annual_inspections:",
        "    - {year: 2024, result: 合格}",
        "    - {year: 2025, result: 合格}",
        "  annual_reports_on_time: true",
        "  governance:",
        f"    council_members: {council}",
        f"    standing_council_members: {standing}",
        f"    rules: {flow_list(rules)}",
        "  secretariat:",
        f"    secretary_general: {{name: {secretary}, employment: {rng.choice(('专职', '兼职'))}}}",
        *([f"    deputy_secretary_general: {{name: {deputy}, employment: 兼职}}"] if deputy else []),
        f"    staff: {{full_time: {full_time}, part_time: {part_time}}}",
        "  finance:",
        "    independent_bank_account: true",
        f"    finance_staff: {rng.randint(1, 3)}",
        f"    finance_rules: {flow_list(finance_rules)}",
        "",
        "declarations:                            # 三（二）、五（二）",
        "  no_legal_violations: true",
        "  no_sanctions: true",
        "  entrusted_projects_completed: true",
        "  materials_truthful: true",
        "",
        "achievements:                            # 二（一）：近两年的业绩",
    ]
    return "\n".join(lines) + "\n"


def _tail(rng: random.Random, filler: _Filler) -> str:
    approach = "".join(filler.fill(t) for t in APPROACH[: rng.randint(4, len(APPROACH))])
    focus = rng.sample(FOCUS, rng.randint(3, 5))
    total, lines = _budget(rng, filler)
    out = [
        "",
        "plan:",
        "  approach: |-",
        f"    {approach}",
        f"  focus: {flow_list(focus)}",
        "",
        "budget:                                  # 五（三）",
        f"  requested_total: {money(total)}",
        "  separate_accounting: true",
        "  lines:",
    ]
    out += [f"    - {{category: {c}, item: {scalar(i, flow=True)}, amount: {money(a)}}}" for c, i, a in lines]
    return "\n".join(out) + "\n"


def _achievements(rng: random.Random, filler: _Filler, s: SocietyInfo) -> list[_Achievement]:
    out: list[_Achievement] = []
    seen_titles: set[str] = set()
    for area in AREAS:
        kinds = [k for k, a in CATEGORY_AREA.items() if a == area]
        for _ in range(rng.randint(3, 6)):
            kind = rng.choice(kinds)
            day = _rand_date(rng, WINDOW_START, DEADLINE - timedelta(days=1))
            title = filler.fill(rng.choice(TITLES[kind]), year=str(day.year))
            while title in seen_titles:
                title = filler.fill(rng.choice(TITLES[kind]), year=str(day.year)) + f"（{rng.randint(2, 9)}）"
            seen_titles.add(title)
            evidence = [
                f"https://{s.domain}/news/{day.isoformat()}-{k}"
                for k in rng.sample(range(1, 1000), rng.choice((0, 1, 1, 2)))
            ]
            pool = list(SENTENCES)
            rng.shuffle(pool)
            out.append(_Achievement(area, title, day, kind, [], evidence, pool))
    return out


def _render(app: _Application) -> str:
    parts = [app.head]
    area = ""
    for a in app.achievements:
        if a.area != area:
            area = a.area
            parts.append(f"  {area}:\n")
        parts.append(f"    - title: {scalar(a.title)}\n")
        parts.append(f"      date: {quoted(a.day.isoformat())}\n")
        parts.append(f"      kind: {a.kind}\n")
        parts.append(_render_description(a.sentences, "      "))
        if a.evidence:
            parts.append("      evidence:\n")
            parts.extend(f"        - {url}\n" for url in a.evidence)
    parts.append(app.tail)
    return "".join(parts)


def render_application(society: SocietyInfo, seed: int = 0) -> str:
    """The application of ``society``: about 12 KB (SIZE_MIN..SIZE_MAX bytes), deterministic."""
    rng = random.Random(f"application-{seed}-{society.index}")
    filler = _Filler(rng, society)
    target = rng.randint(_TARGET_LOW, _TARGET_HIGH)
    app = _Application(society, _head(rng, society), _achievements(rng, filler, society), _tail(rng, filler))
    base = len(_render(app).encode("utf-8"))
    # Share the remaining bytes among the descriptions (3 bytes a character), unevenly.
    weights = [rng.uniform(0.6, 1.4) for _ in app.achievements]
    chars = max(0, target - base) // 3
    for a, w in zip(app.achievements, weights, strict=True):
        share = int(chars * w / sum(weights))
        a.sentences = filler.description(a.area, max(20, share), a.pool, **a.fixed())
    text = _render(app)
    # Drop or add one sentence at a time until the size is near the target.
    for _ in range(500):
        size = len(text.encode("utf-8"))
        if abs(size - target) <= 150:
            break
        a = app.achievements[rng.randrange(len(app.achievements))]
        if size > target and len(a.sentences) > 1:
            a.sentences.pop()
        elif size < target and a.pool and sum(map(len, a.sentences)) < 1800:
            sentence = filler.fill(a.pool.pop(), **a.fixed())
            if sentence not in a.sentences:
                a.sentences.append(sentence)
        text = _render(app)
    size = len(text.encode("utf-8"))
    if not SIZE_MIN <= size <= SIZE_MAX:  # pragma: no cover - guards the pools against future edits
        raise RuntimeError(f"application of {society.slug} is {size} bytes, outside {SIZE_MIN}..{SIZE_MAX}")
    return text


# ---------------------------------------------------------------------------------------------------------
# Society profiles and office records
# ---------------------------------------------------------------------------------------------------------


def render_society(s: SocietyInfo, seed: int = 0) -> str:
    rng = random.Random(f"profile-{seed}-{s.index}")
    intro = (
        f"{s.name}成立于{s.founded}年，是由武汉地区{s.discipline}领域科技工作者自愿组成的学术性、"
        f"非营利性社会组织，现有个人会员{rng.randint(300, 5000)}名、单位会员{rng.randint(10, 120)}家，"
        f"设专业委员会{rng.randint(4, 20)}个。"
    )
    lines = [
        "# yaml-language-server: $schema=../../schemas/society.schema.json",
        "# 学会简介（基准测试合成数据，内容虚构）。",
        "schema_version: 1",
        f"slug: {s.slug}",
        f"name: {s.name}",
        f"short_name: {s.short_name}",
        f"credit_code: {scalar(s.credit_code)}         # 统一社会信用代码（GB 32100-2015）",
        f"founded: {s.founded}",
        "supervisor: 武汉市科学技术协会",
        f"discipline: {s.discipline}",
        f"website: https://{s.domain}/",
        f"council_elected: {quoted(s.council_elected.isoformat())}",
        f"introduction: {scalar(intro)}",
        f"maintainers: [bench-{s.index:04d}-sec]",
    ]
    return "\n".join(lines) + "\n"


def _office_files(societies: Sequence[SocietyInfo], seed: int) -> dict[str, str]:
    rng = random.Random(f"office-{seed}")
    inspections = [
        "# yaml-language-server: $schema=../../schemas/annual-inspections.schema.json",
        "# 社团年检结果（基准测试合成数据）。",
        "schema_version: 1",
        "years:",
    ]
    reports = [
        "# yaml-language-server: $schema=../../schemas/annual-reports.schema.json",
        "# 年度工作总结和下一年度计划的报送日期（基准测试合成数据）。",
        "schema_version: 1",
        "years:",
    ]
    for year in (2024, 2025):
        inspections.append(f"  {year}:")
        reports.append(f"  {year}:")
        for s in societies:
            inspections.append(f"    {s.slug}: 合格")
            summary = _rand_date(rng, date(year, 11, 15), date(year, 12, 31))
            plan = _rand_date(rng, summary, date(year, 12, 31))
            reports.append(
                f"    {s.slug}: {{summary: {quoted(summary.isoformat())}, plan: {quoted(plan.isoformat())}}}"
            )
    projects = [
        "# yaml-language-server: $schema=../../schemas/entrusted-projects.schema.json",
        "# 委托项目（基准测试合成数据）。",
        "schema_version: 1",
    ]
    entries: list[str] = []
    for s in societies:
        if rng.random() < 0.4:
            due = _rand_date(rng, date(2024, 6, 1), date(2026, 6, 30))
            done = due - timedelta(days=rng.randint(0, 60))
            entries += [
                f"  - id: {due.year}-wt-{s.index:04d}",
                f"    society: {s.slug}",
                f"    title: 武汉市{s.discipline}行业{rng.choice(TOPICS)}调研",
                f"    entrusted_by: {rng.choice(PARTNERS)}",
                f"    due: {quoted(due.isoformat())}",
                "    status: completed",
                f"    completed: {quoted(done.isoformat())}",
            ]
    projects += ["projects:", *entries] if entries else ["projects: []"]
    sanctions = [
        "# yaml-language-server: $schema=../../schemas/sanctions.schema.json",
        "# 处理决定（公开）。",
        "schema_version: 1",
        "sanctions: []",
    ]
    return {
        "office/annual_inspections.yaml": "\n".join(inspections) + "\n",
        "office/annual_reports.yaml": "\n".join(reports) + "\n",
        "office/entrusted_projects.yaml": "\n".join(projects) + "\n",
        "office/sanctions.yaml": "\n".join(sanctions) + "\n",
    }


# ---------------------------------------------------------------------------------------------------------
# The tree
# ---------------------------------------------------------------------------------------------------------


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text.encode("utf-8"))


def render_decisions(societies: Sequence[SocietyInfo]) -> str:
    """The office's record of the cycle so far: the formal review (after the deadline, before ``NOW``),
    every application passed. Without it a check after the deadline says so (LIFE-003)."""
    lines = [
        "# yaml-language-server: $schema=../../schemas/decisions.schema.json",
        "# 评审与表彰决定（基准测试合成数据）。",
        "schema_version: 1",
        f"cycle: {CYCLE}",
        "formal_review:",
        f"  date: {quoted(FORMAL_REVIEW.isoformat())}",
        "  results:",
        *(
            f"    {s.slug}: {{passed: true, verified: {{independent_bank_account: true, finance_staff: true}}}}"
            for s in societies
        ),
    ]
    return "\n".join(lines) + "\n"


def with_findings(society: str, application: str) -> tuple[str, str]:
    """The same society profile and application, each with findings a rule makes (located at a line): the
    profile's credit code gets a wrong check character (SOC-001), the application's requested total no
    longer equals the sum of its lines (FUND-002)."""
    code = re.search(r"^credit_code: (\S+)", society, re.M)
    total = re.search(r"^  requested_total: ([0-9.]+)$", application, re.M)
    if code is None or total is None:  # pragma: no cover - guards the templates against future edits
        raise RuntimeError("the profile or the application no longer has the field to alter")
    value = code.group(1).strip('"')
    wrong = next(c for c in CREDIT_ALPHABET if c != value[-1])
    society = society[: code.start(1)] + quoted(value[:-1] + wrong) + society[code.end(1) :]
    changed = money(Decimal(total.group(1)) - Decimal("100.00"))
    application = application[: total.start(1)] + changed + application[total.end(1) :]
    return society, application


def make_tree(root: Path, n: int, seed: int = 0, *, findings: bool = False) -> list[Path]:
    """Write a complete programme tree with ``n`` societies and applications under ``root/submissions/``;
    return the ``n`` application paths in order. The tree is valid; with ``findings`` every society
    profile and every application has findings (``with_findings``)."""
    if n < 1:
        raise ValueError("n must be at least 1")
    base = Path(root) / "submissions"
    societies = _societies(n, seed)
    _write(base / "programme.yaml", PROGRAMME_YAML)
    _write(base / f"{CYCLE}" / "call.yaml", CALL_YAML)
    _write(base / f"{CYCLE}" / "decisions.yaml", render_decisions(societies))
    for name, text in _office_files(societies, seed).items():
        _write(base / name, text)
    applications: list[Path] = []
    for s in societies:
        profile, application = render_society(s, seed), render_application(s, seed)
        if findings:
            profile, application = with_findings(profile, application)
        _write(base / "societies" / f"{s.slug}.yaml", profile)
        path = base / f"{CYCLE}" / "applications" / f"{s.slug}.yaml"
        _write(path, application)
        applications.append(path)
    return applications
