"""Chinese vocabulary of the synthetic forms: places, departments, units, project themes.

Everything here is data. Themes are modelled on real 项目支出绩效自评表 of county and prefecture
departments (the seed is a 人社 service centre's); indicators follow the 2020 template taxonomy
(research §5.1). Quantities are written "name:unit:low-high".
"""

from __future__ import annotations

from dataclasses import dataclass, field

# Place-name syllables with unique pinyin, so a region's ASCII slug is unique too.
PLACE_SYLLABLES = (
    ("安", "an"), ("宝", "bao"), ("北", "bei"), ("滨", "bin"), ("博", "bo"), ("昌", "chang"),
    ("辰", "chen"), ("城", "cheng"), ("崇", "chong"), ("川", "chuan"), ("大", "da"), ("丹", "dan"),
    ("德", "de"), ("定", "ding"), ("东", "dong"), ("丰", "feng"), ("福", "fu"), ("甘", "gan"),
    ("高", "gao"), ("广", "guang"), ("海", "hai"), ("汉", "han"), ("河", "he"), ("衡", "heng"),
    ("红", "hong"), ("华", "hua"), ("淮", "huai"), ("黄", "huang"), ("惠", "hui"), ("吉", "ji"),
    ("嘉", "jia"), ("建", "jian"), ("江", "jiang"), ("金", "jin"), ("景", "jing"), ("开", "kai"),
    ("康", "kang"), ("兰", "lan"), ("乐", "le"), ("黎", "li"), ("连", "lian"), ("临", "lin"),
    ("龙", "long"), ("庐", "lu"), ("洛", "luo"), ("茂", "mao"), ("梅", "mei"), ("绵", "mian"),
    ("明", "ming"), ("南", "nan"), ("宁", "ning"), ("平", "ping"), ("普", "pu"), ("庆", "qing"),
    ("泉", "quan"), ("仁", "ren"), ("荣", "rong"), ("瑞", "rui"), ("山", "shan"), ("尚", "shang"),
    ("韶", "shao"), ("胜", "sheng"), ("顺", "shun"), ("松", "song"), ("泰", "tai"), ("潭", "tan"),
    ("桃", "tao"), ("天", "tian"), ("通", "tong"), ("万", "wan"), ("威", "wei"), ("文", "wen"),
    ("武", "wu"), ("西", "xi"), ("祥", "xiang"), ("新", "xin"), ("兴", "xing"), ("秀", "xiu"),
    ("阳", "yang"), ("宜", "yi"), ("永", "yong"), ("余", "yu"), ("元", "yuan"), ("云", "yun"),
    ("泽", "ze"), ("章", "zhang"), ("昭", "zhao"), ("镇", "zhen"), ("正", "zheng"), ("中", "zhong"),
    ("周", "zhou"), ("遵", "zun"),
)
# County-level suffixes; 县 dominates as it does in the real population of units.
PLACE_SUFFIXES = (("县", "xian"), ("县", "xian"), ("市", "shi"), ("区", "qu"))

CHINESE_ORDINALS = ("一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二")


@dataclass(frozen=True, slots=True)
class Quantity:
    name: str
    unit: str
    low: int
    high: int


def _quantities(*specs: str) -> tuple[Quantity, ...]:
    out = []
    for spec in specs:
        name, unit, span = spec.split(":")
        low, high = span.split("-")
        out.append(Quantity(name, unit, int(low), int(high)))
    return tuple(out)


@dataclass(frozen=True, slots=True)
class Theme:
    """A kind of project: its base name, what it does, and the indicators it reports."""

    base: str
    duty: str  # what the project does, for the goal texts
    quantities: tuple[Quantity, ...]
    quality: tuple[str, ...] = ()  # rates ("…率"), targets in percent
    time: tuple[str, ...] = ()  # "…时间" (month / date) or "…及时率" (percent)
    social: tuple[str, ...] = ()  # "…率" percent, otherwise qualitative
    sustain: tuple[str, ...] = ()
    satisfaction: tuple[str, ...] = ()
    economic: tuple[str, ...] = ()  # empty: the 经济效益 row is usually a "/" placeholder
    ecological: tuple[str, ...] = ()
    unit_cost: tuple[Quantity, ...] = ()  # per-head costs in 元 (reverse targets)


@dataclass(frozen=True, slots=True)
class DepartmentType:
    name: str  # appended to the region: "阜康市" + "教育局"
    slug: str  # ASCII, for file names
    unit_templates: tuple[str, ...]  # "{region}", "{dept}", "{n}" (Chinese ordinal)
    themes: tuple[Theme, ...] = field(default_factory=tuple)


GENERIC_QUALITY = ("资金拨付准确率", "项目验收合格率", "资金使用合规率", "任务完成率")
GENERIC_TIME = ("项目完成时间", "资金拨付及时率", "任务完成及时率")
GENERIC_SOCIAL = ("群众知晓率", "提升公共服务水平", "社会影响力")
GENERIC_SUSTAIN = ("长效管理机制健全性", "项目持续发挥作用", "持续提升服务保障能力")
GENERIC_SATISFACTION = ("服务对象满意度", "受益群众满意度", "相关单位满意度")

# Any department also runs these (office, IT, training): widens the project pool of a unit.
GENERIC_THEMES = (
    Theme("办公楼维修改造项目", "完成办公楼屋面防水、外墙及水电线路维修改造",
          _quantities("维修改造面积:平方米:300-5000", "维修改造项目数:项:1-6"),
          quality=("工程验收合格率",), time=("项目完成时间",), social=("改善办公环境",),
          satisfaction=("干部职工满意度",)),
    Theme("信息化系统运行维护经费", "保障业务信息系统及网络安全稳定运行",
          _quantities("运维信息系统数:套:2-12", "网络设备维护台数:台:20-300"),
          quality=("系统正常运行率",), time=("故障响应及时率",), social=("提高信息化服务水平",),
          satisfaction=("系统使用人员满意度",)),
    Theme("业务培训经费", "组织开展干部职工业务能力培训",
          _quantities("举办培训班期数:期:2-12", "培训人次:人次:80-1500"),
          quality=("培训考核合格率",), time=("培训完成时间",), social=("提升干部队伍业务素质",),
          satisfaction=("参训人员满意度",),
          unit_cost=_quantities("人均培训成本:元:300-1200")),
    Theme("档案数字化建设经费", "完成历史档案整理、扫描及数字化加工",
          _quantities("档案数字化页数:页:20000-400000", "整理档案卷数:卷:1000-30000"),
          quality=("数字化成果验收合格率",), time=("项目完成时间",), social=("提高档案利用效率",),
          satisfaction=("档案利用者满意度",)),
    Theme("机关运行保障经费", "保障单位日常运转及各项业务工作正常开展",
          _quantities("保障在职人数:人:15-180", "保障车辆数:辆:2-15"),
          quality=("经费保障率",), time=("资金支付及时率",), social=("保障单位职能正常履行",),
          satisfaction=("干部职工满意度",)),
)

DEPARTMENT_TYPES = (
    DepartmentType(
        "人力资源和社会保障局", "rsj",
        ("{dept}", "{region}人力资源和社会保障服务中心", "{region}就业服务中心", "{region}人事考试中心",
         "{region}社会保险中心", "{region}劳动保障监察大队", "{region}职业技能鉴定中心"),
        (
            Theme("事业单位公开招聘工作经费", "负责事业单位公开招聘政策的贯彻执行，组织实施公开招聘笔试、资格审查及面试等工作",
                  _quantities("组织事业单位公开招聘次数（次）:次:1-4", "笔试人数（人）:人:500-9000",
                              "面试人数（人）:人:200-2700"),
                  quality=("事业单位公开招聘完成率",), time=("公开招聘完成时间",),
                  social=("解决用人单位用人需求率",), sustain=("提高事业单位人才层次梯次发展",),
                  satisfaction=("考生满意度", "相关单位满意度")),
            Theme("专业技术人员职称评审工作经费", "完成各系列专业技术人员中、初级职称评审工作",
                  _quantities("职称评审人次:人:300-3000", "组织评审会次数:次:2-8"),
                  quality=("职称评审合格率",), time=("职称评审完成时间",),
                  social=("提高专业技术人员专业水平",), sustain=("解决用人单位用人需求",),
                  satisfaction=("参评人员满意度",)),
            Theme("人事考试考务经费", "完成各类人事考试考区的考务组织工作",
                  _quantities("参加各类人事考试考生人数:人:2000-25000", "组织考试次数:次:3-12"),
                  quality=("考试考务工作完成率",), time=("考务工作组织及时率",),
                  social=("解决用人单位需求率",), sustain=("提高从业队伍整体素质",),
                  satisfaction=("考生满意度",)),
            Theme("就业创业补助资金", "落实就业创业扶持政策，促进城乡劳动者就业",
                  _quantities("城镇新增就业人数:人:500-8000", "发放创业担保贷款笔数:笔:20-400",
                              "职业技能培训人数:人:200-5000"),
                  quality=("补贴资金发放准确率",), time=("补贴资金发放及时率",),
                  social=("城镇登记失业率控制目标完成率",), sustain=("就业形势持续稳定",),
                  satisfaction=("受益群众满意度",), economic=("带动劳动者增收",)),
            Theme("劳动保障监察执法经费", "开展劳动保障监察执法及根治欠薪工作",
                  _quantities("开展专项检查次数:次:2-10", "检查用人单位户数:户:100-1500"),
                  quality=("欠薪案件结案率",), time=("投诉举报处理及时率",),
                  social=("维护劳动者合法权益",), sustain=("劳动关系和谐稳定",),
                  satisfaction=("劳动者满意度",)),
        ),
    ),
    DepartmentType(
        "教育局", "jyj",
        ("{dept}", "{region}第{n}中学", "{region}第{n}小学", "{region}实验幼儿园", "{region}职业技术学校",
         "{region}教育局教学研究室", "{region}学生资助管理中心"),
        (
            Theme("学生资助补助经费", "落实家庭经济困难学生资助政策，保障学生顺利完成学业",
                  _quantities("资助学生人数:人:300-9000", "发放资助资金批次:次:2-4"),
                  quality=("资助对象识别准确率",), time=("资助资金发放及时率",),
                  social=("家庭经济困难学生资助覆盖率",), sustain=("保障困难学生顺利完成学业",),
                  satisfaction=("受助学生及家长满意度",)),
            Theme("义务教育阶段公用经费", "保障义务教育学校正常运转，改善办学条件",
                  _quantities("保障在校学生人数:人:800-30000", "保障学校数:所:5-60"),
                  quality=("公用经费足额拨付率",), time=("资金拨付及时率",),
                  social=("义务教育巩固率",), sustain=("保障学校正常运转",),
                  satisfaction=("学生家长满意度",),
                  unit_cost=_quantities("生均公用经费标准:元:650-1200")),
            Theme("农村义务教育学生营养改善计划", "为农村义务教育阶段学生提供营养膳食补助",
                  _quantities("受益学生人数:人:1000-20000", "供餐学校数:所:5-50"),
                  quality=("食品安全事故发生次数控制率",), time=("营养餐供应及时率",),
                  social=("学生营养健康状况改善",), sustain=("提高学生身体素质",),
                  satisfaction=("学生家长满意度",)),
            Theme("教师培训经费", "开展中小学教师全员培训，提升教师专业能力",
                  _quantities("培训教师人次:人次:200-6000", "举办培训班期数:期:3-20"),
                  quality=("培训合格率",), time=("培训完成时间",),
                  social=("教师教学能力提升",), sustain=("促进教育质量持续提高",),
                  satisfaction=("参训教师满意度",),
                  unit_cost=_quantities("人均培训费用:元:400-1500")),
            Theme("学前教育发展资金", "扩大普惠性学前教育资源，提高学前教育质量",
                  _quantities("资助幼儿人数:人:200-6000", "改扩建幼儿园数:所:1-8"),
                  quality=("工程验收合格率",), time=("项目完成时间",),
                  social=("学前三年毛入园率",), sustain=("普惠性学前教育资源持续扩大",),
                  satisfaction=("幼儿家长满意度",)),
        ),
    ),
    DepartmentType(
        "卫生健康委员会", "wjw",
        ("{dept}", "{region}人民医院", "{region}疾病预防控制中心", "{region}妇幼保健计划生育服务中心",
         "{region}中医医院", "{region}卫生健康综合监督执法局"),
        (
            Theme("基本公共卫生服务项目", "为城乡居民免费提供基本公共卫生服务",
                  _quantities("建立居民电子健康档案人数:人:5000-300000", "老年人健康管理人数:人:1000-40000",
                              "高血压患者规范管理人数:人:500-20000"),
                  quality=("居民电子健康档案建档率",), time=("资金拨付及时率",),
                  social=("居民健康素养水平提升率",), sustain=("基本公共卫生服务均等化水平持续提高",),
                  satisfaction=("城乡居民满意度",)),
            Theme("计划生育家庭奖励扶助资金", "落实计划生育家庭奖励扶助和特别扶助政策",
                  _quantities("奖励扶助人数:人:300-9000", "特别扶助人数:人:20-900"),
                  quality=("扶助对象资格确认准确率",), time=("扶助资金发放及时率",),
                  social=("计划生育家庭生活保障水平提高",), sustain=("计划生育家庭发展能力持续提升",),
                  satisfaction=("扶助对象满意度",)),
            Theme("重大传染病防控经费", "开展重大传染病监测、预防接种和疫情处置工作",
                  _quantities("开展监测检测人次:人次:2000-90000", "组织应急演练次数:次:1-6"),
                  quality=("适龄儿童国家免疫规划疫苗接种率",), time=("疫情报告及时率",),
                  social=("传染病发病率控制在目标范围内",), sustain=("公共卫生应急能力持续提升",),
                  satisfaction=("群众满意度",)),
            Theme("家庭医生签约服务经费", "推进家庭医生签约服务，提高基层医疗服务能力",
                  _quantities("签约服务人数:人:3000-120000", "组建家庭医生团队数:个:10-120"),
                  quality=("重点人群签约服务覆盖率",), time=("签约服务经费拨付及时率",),
                  social=("基层首诊率",), sustain=("分级诊疗制度持续完善",),
                  satisfaction=("签约居民满意度",)),
        ),
    ),
    DepartmentType(
        "农业农村局", "nyj",
        ("{dept}", "{region}农业技术推广中心", "{region}动物疫病预防控制中心", "{region}农村经济经营管理站",
         "{region}种子管理站", "{region}农机安全监理站"),
        (
            Theme("耕地地力保护补贴资金", "落实耕地地力保护补贴政策，保护耕地地力",
                  _quantities("补贴面积:亩:20000-600000", "补贴农户数:户:2000-60000"),
                  quality=("补贴资金发放准确率",), time=("补贴资金兑付及时率",),
                  social=("农民种粮积极性提高",), sustain=("耕地地力持续保护",),
                  satisfaction=("补贴农户满意度",), economic=("带动农民增收",),
                  ecological=("耕地质量保护",)),
            Theme("动物防疫经费", "开展重大动物疫病强制免疫和监测净化工作",
                  _quantities("强制免疫畜禽数量:万头（只）:20-900", "采集监测样品数:份:1000-30000"),
                  quality=("畜禽免疫密度",), time=("春秋两季集中免疫完成时间",),
                  social=("重大动物疫病发生率控制",), sustain=("畜牧业持续健康发展",),
                  satisfaction=("养殖户满意度",)),
            Theme("农业技术推广经费", "推广主导品种和主推技术，开展农技人员培训",
                  _quantities("推广主推技术项数:项:3-15", "培训农民人次:人次:500-12000",
                              "建设示范基地数:个:2-20"),
                  quality=("主推技术到位率",), time=("项目完成时间",),
                  social=("农民科技素质提高",), sustain=("农业科技支撑能力持续增强",),
                  satisfaction=("受训农民满意度",), economic=("示范区亩均增收",)),
            Theme("农村人居环境整治资金", "开展农村厕所改造和生活垃圾污水治理",
                  _quantities("改造农村户厕数:座:200-6000", "配置垃圾收集设施数:个:50-1500"),
                  quality=("改厕验收合格率",), time=("项目完成时间",),
                  social=("农村生活垃圾收运处置体系覆盖率",), sustain=("农村人居环境持续改善",),
                  satisfaction=("农村群众满意度",), ecological=("农村生态环境改善",)),
        ),
    ),
    DepartmentType(
        "民政局", "mzj",
        ("{dept}", "{region}社会福利院", "{region}救助管理站", "{region}殡仪馆", "{region}社会救助服务中心",
         "{region}婚姻登记处"),
        (
            Theme("城乡居民最低生活保障资金", "按时足额发放城乡低保金，保障困难群众基本生活",
                  _quantities("保障城市低保对象人数:人:300-12000", "保障农村低保对象人数:人:1000-40000"),
                  quality=("低保对象认定准确率",), time=("低保资金发放及时率",),
                  social=("困难群众基本生活保障率",), sustain=("社会救助体系持续完善",),
                  satisfaction=("低保对象满意度",)),
            Theme("特困人员救助供养资金", "保障特困人员基本生活和照料护理",
                  _quantities("救助供养特困人员人数:人:100-4000", "集中供养机构数:个:1-12"),
                  quality=("特困人员认定准确率",), time=("救助资金发放及时率",),
                  social=("应保尽保率",), sustain=("兜底保障能力持续增强",),
                  satisfaction=("供养对象满意度",)),
            Theme("临时救助资金", "对遭遇突发性、紧迫性困难的家庭及时实施临时救助",
                  _quantities("临时救助人次:人次:100-6000",),
                  quality=("救助对象审核准确率",), time=("救助审批办理及时率",),
                  social=("困难群众急难问题解决率",), sustain=("临时救助制度长效运行",),
                  satisfaction=("受助群众满意度",)),
            Theme("居家和社区养老服务经费", "建设社区养老服务设施，为老年人提供居家养老服务",
                  _quantities("服务老年人人次:人次:2000-80000", "建设社区日间照料中心数:个:2-20"),
                  quality=("养老服务设施验收合格率",), time=("项目完成时间",),
                  social=("老年人养老服务覆盖率",), sustain=("养老服务体系持续完善",),
                  satisfaction=("服务老年人满意度",)),
        ),
    ),
    DepartmentType(
        "交通运输局", "jtj",
        ("{dept}", "{region}公路管理站", "{region}道路运输管理所", "{region}交通运输综合行政执法大队",
         "{region}农村公路养护中心"),
        (
            Theme("农村公路养护经费", "开展农村公路日常养护和路况维护",
                  _quantities("养护农村公路里程:公里:100-3000", "修复路面面积:平方米:2000-80000"),
                  quality=("农村公路优良中等路率",), time=("养护工程完成时间",),
                  social=("群众出行条件改善",), sustain=("农村公路长效养护机制",),
                  satisfaction=("沿线群众满意度",), economic=("降低群众出行费用",)),
            Theme("道路运输安全监管经费", "开展道路运输企业安全检查和隐患整治",
                  _quantities("检查运输企业户次:户次:50-900", "整治安全隐患数:处:20-600"),
                  quality=("安全隐患整改率",), time=("隐患整改及时率",),
                  social=("道路运输安全事故下降",), sustain=("道路运输安全形势持续稳定",),
                  satisfaction=("运输企业满意度",)),
            Theme("城乡公交运营补贴", "保障城乡公交线路正常运营",
                  _quantities("补贴公交线路数:条:3-40", "年运送乘客人次:万人次:20-900"),
                  quality=("公交车辆准点率",), time=("补贴资金拨付及时率",),
                  social=("城乡公交通达率",), sustain=("城乡公交持续稳定运营",),
                  satisfaction=("乘客满意度",)),
        ),
    ),
    DepartmentType(
        "生态环境局", "sthjj",
        ("{dept}", "{region}环境监测站", "{region}生态环境保护综合行政执法大队", "{region}环境监察大队"),
        (
            Theme("大气污染防治资金", "开展燃煤锅炉整治和扬尘污染治理，改善空气质量",
                  _quantities("淘汰燃煤锅炉台数:台:5-120", "扬尘污染专项检查次数:次:4-40"),
                  quality=("空气质量优良天数比例",), time=("治理项目完成时间",),
                  social=("群众环境投诉办结率",), sustain=("大气环境质量持续改善",),
                  satisfaction=("周边群众满意度",), ecological=("主要大气污染物排放量下降",)),
            Theme("环境监测经费", "开展环境空气、地表水和土壤环境质量监测",
                  _quantities("监测点位数:个:10-120", "出具监测报告份数:份:12-400"),
                  quality=("监测数据有效率",), time=("监测报告出具及时率",),
                  social=("为环境管理提供数据支撑",), sustain=("环境监测网络持续运行",),
                  satisfaction=("相关单位满意度",), ecological=("环境质量状况掌握",)),
            Theme("水污染防治资金", "实施重点流域水污染治理和饮用水水源地保护",
                  _quantities("整治入河排污口数:个:3-60", "水源地保护区标志设置数:个:10-200"),
                  quality=("集中式饮用水水源地水质达标率",), time=("项目完成时间",),
                  social=("群众饮水安全保障",), sustain=("水环境质量持续改善",),
                  satisfaction=("周边群众满意度",), ecological=("地表水水质优良比例",)),
        ),
    ),
    DepartmentType(
        "文化体育广播电视和旅游局", "wtglj",
        ("{dept}", "{region}文化馆", "{region}图书馆", "{region}博物馆", "{region}全民健身服务中心",
         "{region}融媒体中心"),
        (
            Theme("公共文化服务体系建设经费", "推进基层公共文化设施免费开放和文化活动开展",
                  _quantities("免费开放场馆数:个:2-20", "举办群众文化活动场次:场:20-400"),
                  quality=("免费开放服务达标率",), time=("活动完成时间",),
                  social=("群众文化生活丰富",), sustain=("公共文化服务体系持续完善",),
                  satisfaction=("群众满意度",)),
            Theme("文化惠民演出经费", "组织文艺团体开展送戏下乡等惠民演出",
                  _quantities("送戏下乡演出场次:场:20-300", "观众人次:人次:5000-150000"),
                  quality=("演出计划完成率",), time=("演出完成时间",),
                  social=("基层群众文化获得感提升",), sustain=("文化惠民长效机制",),
                  satisfaction=("观众满意度",)),
            Theme("全民健身工程经费", "建设全民健身设施，组织群众性体育赛事",
                  _quantities("新建健身路径数:套:5-80", "举办全民健身赛事次数:次:3-30"),
                  quality=("健身器材验收合格率",), time=("项目完成时间",),
                  social=("经常参加体育锻炼人数比例",), sustain=("全民健身设施持续发挥作用",),
                  satisfaction=("健身群众满意度",)),
            Theme("文物保护专项资金", "开展不可移动文物保护修缮和安全巡查",
                  _quantities("保护修缮文物点数:处:1-12", "文物安全巡查次数:次:12-200"),
                  quality=("修缮工程验收合格率",), time=("项目完成时间",),
                  social=("文物安全事故发生率控制",), sustain=("历史文化遗产得到长期保护",),
                  satisfaction=("群众满意度",)),
        ),
    ),
    DepartmentType(
        "自然资源局", "zrzyj",
        ("{dept}", "{region}不动产登记中心", "{region}国土空间规划编制研究中心", "{region}自然资源执法监察大队",
         "{region}测绘地理信息中心"),
        (
            Theme("不动产登记工作经费", "开展不动产登记、档案整理和信息平台运行维护",
                  _quantities("办理不动产登记业务件数:件:3000-90000", "整理登记档案卷数:卷:2000-60000"),
                  quality=("登记差错率控制达标率",), time=("登记业务办结及时率",),
                  social=("群众办事便利度提升",), sustain=("不动产登记信息化水平持续提升",),
                  satisfaction=("办事群众满意度",)),
            Theme("国土空间规划编制经费", "编制国土空间总体规划及村庄规划",
                  _quantities("编制村庄规划个数:个:3-60", "召开规划论证会次数:次:2-12"),
                  quality=("规划成果审查通过率",), time=("规划编制完成时间",),
                  social=("国土空间开发保护格局优化",), sustain=("规划引领作用持续发挥",),
                  satisfaction=("相关部门满意度",)),
            Theme("地质灾害防治经费", "开展地质灾害隐患点巡查排查和监测预警",
                  _quantities("巡查地质灾害隐患点数:处:20-400", "开展应急演练次数:次:1-8"),
                  quality=("隐患点监测覆盖率",), time=("险情处置及时率",),
                  social=("因地质灾害伤亡人数控制",), sustain=("群测群防体系长效运行",),
                  satisfaction=("受威胁群众满意度",)),
        ),
    ),
    DepartmentType(
        "水利局", "slj",
        ("{dept}", "{region}水利工程管理站", "{region}水土保持工作站", "{region}河湖长制工作办公室",
         "{region}农村供水管理总站"),
        (
            Theme("农村饮水安全工程维修养护经费", "开展农村饮水工程维修养护，保障农村群众饮水安全",
                  _quantities("维修养护供水工程处数:处:5-150", "受益人口:人:3000-150000"),
                  quality=("农村自来水普及率",), time=("维修养护完成时间",),
                  social=("农村群众饮水安全保障",), sustain=("供水工程长效运行",),
                  satisfaction=("受益群众满意度",)),
            Theme("河湖长制工作经费", "落实河湖长制，开展河湖巡查和清四乱专项行动",
                  _quantities("开展河湖巡查次数:次:50-1500", "清理河湖四乱问题数:个:5-200"),
                  quality=("河湖四乱问题整改率",), time=("问题整改完成时间",),
                  social=("河湖面貌改善",), sustain=("河湖管护长效机制",),
                  satisfaction=("沿河群众满意度",), ecological=("河湖水质达标",)),
            Theme("防汛抗旱经费", "储备防汛物资，开展汛期值班和抗旱服务",
                  _quantities("储备防汛物资批次:批:1-6", "组织防汛演练次数:次:1-6"),
                  quality=("防汛物资完好率",), time=("汛前准备工作完成时间",),
                  social=("因洪涝灾害损失减少",), sustain=("防汛抗旱能力持续提升",),
                  satisfaction=("群众满意度",)),
        ),
    ),
    DepartmentType(
        "财政局", "czj",
        ("{dept}", "{region}财政投资评审中心", "{region}国库支付中心", "{region}政府采购中心"),
        (
            Theme("预算绩效管理工作经费", "组织开展预算绩效目标审核、绩效监控和绩效评价",
                  _quantities("审核绩效目标项目数:个:100-2000", "开展重点绩效评价项目数:个:3-40"),
                  quality=("绩效目标审核覆盖率",), time=("绩效评价报告完成时间",),
                  social=("财政资金使用效益提高",), sustain=("全面预算绩效管理体系持续完善",),
                  satisfaction=("预算单位满意度",)),
            Theme("财政投资评审经费", "开展政府投资项目预算、结算评审",
                  _quantities("评审项目个数:个:50-900", "评审资金规模:亿元:2-60"),
                  quality=("评审报告合格率",), time=("评审完成及时率",),
                  social=("规范政府投资行为",), sustain=("评审质量持续提升",),
                  satisfaction=("建设单位满意度",), economic=("审减资金率",)),
        ),
    ),
    DepartmentType(
        "司法局", "sfj",
        ("{dept}", "{region}法律援助中心", "{region}公证处", "{region}社区矫正管理局"),
        (
            Theme("法律援助经费", "为经济困难群众提供法律援助服务",
                  _quantities("办理法律援助案件数:件:100-3000", "提供法律咨询人次:人次:500-20000"),
                  quality=("法律援助案件质量合格率",), time=("受理指派及时率",),
                  social=("困难群众合法权益得到维护",), sustain=("公共法律服务体系持续完善",),
                  satisfaction=("受援群众满意度",)),
            Theme("人民调解工作经费", "开展矛盾纠纷排查调处，维护社会和谐稳定",
                  _quantities("调解矛盾纠纷件数:件:200-6000", "培训人民调解员人次:人次:50-1500"),
                  quality=("调解成功率",), time=("纠纷调处及时率",),
                  social=("社会和谐稳定",), sustain=("矛盾纠纷多元化解机制长效运行",),
                  satisfaction=("当事人满意度",)),
            Theme("普法宣传经费", "开展八五普法宣传教育活动",
                  _quantities("开展普法宣传活动次数:次:20-300", "发放宣传资料份数:份:5000-200000"),
                  quality=("普法活动计划完成率",), time=("活动完成时间",),
                  social=("群众法治意识提高",), sustain=("全民守法氛围持续形成",),
                  satisfaction=("群众满意度",)),
        ),
    ),
    DepartmentType(
        "应急管理局", "yjglj",
        ("{dept}", "{region}应急救援指挥中心", "{region}安全生产监察执法大队", "{region}森林消防大队"),
        (
            Theme("安全生产监管执法经费", "开展安全生产执法检查和隐患排查治理",
                  _quantities("执法检查企业户次:户次:100-2000", "排查整改安全隐患数:项:100-5000"),
                  quality=("重大隐患整改率",), time=("隐患整改及时率",),
                  social=("生产安全事故起数下降",), sustain=("安全生产形势持续稳定",),
                  satisfaction=("企业满意度",)),
            Theme("应急救援物资储备经费", "储备应急救灾物资，保障受灾群众基本生活",
                  _quantities("储备救灾帐篷数:顶:100-3000", "储备棉被数:床:500-20000"),
                  quality=("储备物资完好率",), time=("物资调运及时率",),
                  social=("受灾群众基本生活得到保障",), sustain=("应急保障能力持续提升",),
                  satisfaction=("受灾群众满意度",)),
        ),
    ),
    DepartmentType(
        "住房和城乡建设局", "zjj",
        ("{dept}", "{region}住房保障服务中心", "{region}市政设施管理所", "{region}建设工程质量安全监督站",
         "{region}环境卫生管理站"),
        (
            Theme("城镇老旧小区改造资金", "实施城镇老旧小区基础设施和配套设施改造",
                  _quantities("改造老旧小区个数:个:2-40", "惠及居民户数:户:300-12000"),
                  quality=("改造工程验收合格率",), time=("改造工程完工时间",),
                  social=("居民居住条件改善",), sustain=("小区长效管理机制",),
                  satisfaction=("小区居民满意度",)),
            Theme("城市市政设施维护经费", "开展城市道路、路灯、排水设施维护",
                  _quantities("维护城市道路面积:万平方米:10-400", "维护路灯盏数:盏:500-20000"),
                  quality=("路灯亮灯率",), time=("维修响应及时率",),
                  social=("城市运行安全有序",), sustain=("市政设施持续完好",),
                  satisfaction=("市民满意度",)),
            Theme("公共租赁住房运营管理经费", "保障公共租赁住房分配、运营和维修管理",
                  _quantities("管理公租房套数:套:200-8000", "维修公租房套数:套:20-600"),
                  quality=("公租房分配入住率",), time=("维修完成及时率",),
                  social=("住房困难群众住房条件改善",), sustain=("住房保障体系持续完善",),
                  satisfaction=("承租户满意度",)),
        ),
    ),
    DepartmentType(
        "市场监督管理局", "scjgj",
        ("{dept}", "{region}市场监督管理综合行政执法大队", "{region}质量技术监督检验所",
         "{region}食品药品检验检测中心"),
        (
            Theme("食品安全抽检经费", "开展食品安全监督抽检和风险监测",
                  _quantities("食品安全抽检批次:批次:200-6000", "快检批次:批次:1000-40000"),
                  quality=("抽检问题产品核查处置率",), time=("抽检结果公布及时率",),
                  social=("食品安全形势稳定",), sustain=("食品安全风险防控能力持续提升",),
                  satisfaction=("消费者满意度",)),
            Theme("特种设备安全监察经费", "开展电梯、锅炉等特种设备安全监察",
                  _quantities("检查特种设备台数:台:200-9000", "检查使用单位户次:户次:50-1200"),
                  quality=("特种设备定期检验率",), time=("隐患整改及时率",),
                  social=("特种设备安全事故控制",), sustain=("特种设备安全形势持续稳定",),
                  satisfaction=("使用单位满意度",)),
        ),
    ),
    DepartmentType(
        "林业和草原局", "lcj",
        ("{dept}", "{region}林业工作站", "{region}国有林场", "{region}森林病虫害防治检疫站",
         "{region}草原工作站"),
        (
            Theme("森林防火经费", "开展森林防火宣传、巡护和物资储备",
                  _quantities("聘用护林员人数:人:20-600", "森林防火宣传次数:次:10-200"),
                  quality=("森林火灾受害率控制达标率",), time=("火情处置及时率",),
                  social=("森林资源安全",), sustain=("森林防火长效机制",),
                  satisfaction=("林区群众满意度",), ecological=("森林覆盖率稳定提升",)),
            Theme("天然林保护工程资金", "实施天然林管护，落实管护责任",
                  _quantities("天然林管护面积:万亩:5-300", "管护人员人数:人:20-500"),
                  quality=("管护责任落实率",), time=("管护资金发放及时率",),
                  social=("带动林区群众就业",), sustain=("天然林资源持续恢复",),
                  satisfaction=("管护人员满意度",), ecological=("森林蓄积量增加",)),
            Theme("草原生态保护补助奖励资金", "落实禁牧补助和草畜平衡奖励政策",
                  _quantities("禁牧面积:万亩:10-600", "草畜平衡面积:万亩:10-900",
                              "补助农牧户数:户:500-20000"),
                  quality=("补奖资金发放准确率",), time=("补奖资金发放及时率",),
                  social=("农牧民政策性收入稳定",), sustain=("草原生态持续改善",),
                  satisfaction=("农牧民满意度",), ecological=("草原综合植被盖度",)),
        ),
    ),
    DepartmentType(
        "医疗保障局", "ybj",
        ("{dept}", "{region}医疗保险服务中心", "{region}医疗保障基金监管中心"),
        (
            Theme("城乡医疗救助资金", "对困难群众参保给予资助并实施住院医疗救助",
                  _quantities("资助参保人数:人:1000-40000", "住院救助人次:人次:200-8000"),
                  quality=("救助对象识别准确率",), time=("救助资金支付及时率",),
                  social=("困难群众医疗费用负担减轻",), sustain=("防止因病致贫返贫长效机制",),
                  satisfaction=("救助对象满意度",)),
            Theme("医保基金监管经费", "开展定点医药机构检查，打击欺诈骗保",
                  _quantities("检查定点医药机构家数:家:30-800", "开展专项检查次数:次:2-12"),
                  quality=("定点医药机构检查覆盖率",), time=("违规问题处理及时率",),
                  social=("医保基金安全运行",), sustain=("基金监管长效机制",),
                  satisfaction=("参保群众满意度",)),
        ),
    ),
    DepartmentType(
        "退役军人事务局", "tyjrj",
        ("{dept}", "{region}退役军人服务中心", "{region}烈士陵园管理所"),
        (
            Theme("优抚对象抚恤补助资金", "按时足额发放重点优抚对象抚恤和生活补助",
                  _quantities("发放优抚对象人数:人:200-6000", "发放批次:次:4-12"),
                  quality=("抚恤补助发放准确率",), time=("抚恤补助发放及时率",),
                  social=("优抚对象生活水平提高",), sustain=("优抚保障机制持续完善",),
                  satisfaction=("优抚对象满意度",)),
            Theme("退役军人教育培训经费", "组织退役军人开展职业技能培训",
                  _quantities("培训退役军人人数:人:50-1500", "开设培训专业数:个:2-10"),
                  quality=("培训合格率",), time=("培训完成时间",),
                  social=("退役军人就业率",), sustain=("退役军人就业创业能力持续增强",),
                  satisfaction=("参训退役军人满意度",)),
        ),
    ),
    DepartmentType(
        "残疾人联合会", "cl",
        ("{dept}", "{region}残疾人康复中心", "{region}残疾人就业服务所"),
        (
            Theme("残疾人两项补贴资金", "发放困难残疾人生活补贴和重度残疾人护理补贴",
                  _quantities("困难残疾人生活补贴人数:人:300-9000", "重度残疾人护理补贴人数:人:300-9000"),
                  quality=("补贴发放准确率",), time=("补贴发放及时率",),
                  social=("残疾人基本生活保障水平提高",), sustain=("残疾人福利制度持续完善",),
                  satisfaction=("残疾人满意度",)),
            Theme("残疾人康复救助经费", "为残疾儿童和持证残疾人提供康复服务",
                  _quantities("残疾儿童康复救助人数:人:20-900", "适配辅助器具件数:件:100-4000"),
                  quality=("康复服务覆盖率",), time=("救助资金拨付及时率",),
                  social=("残疾人生活自理能力提高",), sustain=("康复服务体系持续完善",),
                  satisfaction=("残疾人及家属满意度",)),
        ),
    ),
)

# 偏差原因分析及改进措施, by why the score fell short. Real notes name a cause and a remedy.
SHORTFALL_NOTES = (
    "受疫情影响，部分工作无法按照计划开展。今后的工作中进一步合理计划，统筹考虑，合理安排应急措施。",
    "实际需求低于年初预计，指标值设置偏高。今后将加强前期调研，科学合理设定绩效目标。",
    "部分项目实施进度滞后，下一步将加快推进，确保按期完成。",
    "上级资金下达较晚，工作开展时间紧张。今后将提前谋划，加强与相关部门的沟通衔接。",
    "受天气等客观因素影响，部分任务未能按期完成。今后将加强计划管理，合理安排工作进度。",
    "项目申报对象少于预期。下一步将加大政策宣传力度，扩大政策知晓面。",
    "部分工作推迟至次年完成。今后将进一步完善工作机制，制定合理工作计划。",
)
FUNDS_NOTES = (
    "实际工作已完成，厉行节约工作成本。在今后的工作中进一步强化精准资金预算。",
    "部分资金尚未支付完毕，今后将加快预算执行进度。",
)
QUALITATIVE_PARTIAL_NOTES = (
    "效果已初步显现，但与预期仍有差距。今后将持续跟踪，巩固工作成效。",
    "部分达成预期目标，下一步将加强督促指导，提升工作质量。",
)

QUALITATIVE_TARGETS = ("提高", "有效提升", "明显改善", "逐步提高", "有效")
SUSTAIN_TARGETS = ("长期", "长期", "长期有效", "持续发挥作用")
QUALITATIVE_ACTUALS_MET = ("达成", "达成预期指标", "有效提升", "效果明显", "明显改善")
GRADES = (("优", "优秀"), ("良", "良好"), ("中", "中等"), ("差", "差"))
