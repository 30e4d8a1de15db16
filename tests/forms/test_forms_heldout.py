"""Held-out real forms (tests/forms/heldout: text, expected parse, source), scored cell by cell.

The issue's target is >= 98 % of the stated cells right over the held-out set. It was met on
h1-h13 since section 8 of heldout/RESULTS.md, on all 26 forms (98.8 %) since section 14, on all 27
since section 16, on all 31 (99.0 %) since section 18 and on all 32 to 34 (99.0 %) since sections
20, 22 and 24; on all 39 it is 97.4 % since section 26 (h36, a run-on page, keeps 5 of 31), on all
45 96.7 % since section 28, on all 53 95.4 % since section 30, on all 60 94.3 % since section 32
and 98.3 % since section 33; on all 63 98.4 % since sections 35 and 36; on all 66 96.6 % since
section 38 (h65, in PDF drawing order, keeps 29 of 109), on all 67 96.6 % since section 39, on
all 68 96.7 % since section 40 and on all 71 96.5 % since section 42, 98.4 % since section 46 (h65
read in PDF drawing order: 98 of 109).
It is NOT met as a blind measure over all rounds: the parser was changed while looking at these
forms. Blind, the rounds scored 32.7 % (h3-h6), 72.0 % (h7-h12), 100 % (h13), 49.1 % (h14-h21),
54.5 % (h22-h25), 25.0 % (h26, 2 of 8 cells), 80.0 % (h27, 24 of 30), 98.7 % (h28-h31, 315 of 319),
87.8 % (h32, 36 of 41), 51.5 % (h34, 17 of 33), 59.7 % (h35-h39, 154 of 258), 81.1 % (h40-h45, 197
of 243), 65.0 % (h46-h53, 307 of 472), 83.5 % (h54-h60, 309 of 370), 79.3 % (h61-h63, 284 of 358),
44.4 % (h64-h66, 122 of 275), 100 % (h68, 31 of 31) and 65.9 % (h69-h71, 58 of 88) (RESULTS.md
sections 1, 3, 5, 9, 11, 13, 15, 17, 19, 23, 25, 27, 29, 31, 34, 37, 40, 41); h33 and h67, blind for the page but not for its template,
84.8 % (39 of 46, section 21) and 100 % (46 of 46, section 39). The 98 % target is asserted on
h1-h13; the whole set and every form are asserted at their measured counts, so that any regression
fails; since section 46 the 98 % target is asserted on the whole set as well. Raise the floors when the
parser gets better; never lower them to make a change pass.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from orchestration.forms import DocumentError, parse_document, to_contract_dict

from .support.compare import compare_form

HELDOUT = Path(__file__).resolve().parent / "heldout"
TARGET = 0.98
# Cells right per form after the last parser change (heldout/RESULTS.md, sections 8, 10, 12 and 14).
# h1-h2 were tuned on; h3-h6 were scored blind in the first round, h7-h12 in the second (section 3),
# h13 in the third (section 5), h14-h21 in the fourth (section 9), h22-h25 in the fifth (section 11),
# h26 in the sixth (section 13), h27 in the seventh (section 15), h28-h31 in the eighth (section 17),
# h32 in the ninth (section 19), h33 in the tenth (section 21), h34 in the eleventh (section 23),
# h35-h39 in the twelfth (section 25), h40-h45 in the thirteenth (section 27), h46-h53 in the
# fourteenth (section 29), h54-h60 in the fifteenth (section 31), h61-h63 in the sixteenth (section
# 34), h64-h66 in the seventeenth (section 37), h67 in the eighteenth (section 39), h68 in the
# nineteenth (section 40), h69-h71 in the twentieth (section 41). Section 33 raised h39-h59 (forms of rounds 12-15 that still lost cells).
MEASURED = {
    "h1_sichuan_daying_sfj_2023_ankebuzhu": 43,
    "h2_hebei_langfang_spgcxx_2019_nuantong": 108,
    "h3_sichuan_zhongjiang_slj_2022_shuibiaochi": 99,
    "h4_anhui_tianchang_slj_2022_hanzaifangyu": 107,
    "h5_shanxi_jishan_zhaidianwsy_2021_jibengonggongweisheng": 155,
    "h6_unknown_qu_swj_2020_fuwumaoyi": 39,
    "h7_yunnan_longyang_trfzz_2022_huafeijianliang": 108,
    "h8_anhui_xiaoxian_zzzz_2023_tesezhongyang": 139,
    "h9_yunnan_nanhua_gyzb_unknown_yejunjiagong": 70,
    "h10_hubei_xiangyang_zxyy_2021_dongjinyuanqu": 42,
    "h11_anhui_guichi_tangxi_2022_cunjibuzhu": 97,
    "h12_ningxia_yuanzhou_njzx_2022_malingshu": 56,
    "h13_yunnan_linxiang_lcj_2023_yeshengdongwu": 76,
    # Fourth round (blind numbers in RESULTS.md section 9; these are after section 10's changes).
    "h14_yunnan_baoshan_tyjrswj_2022_chunjiezoufang": 46,
    "h15_anhui_suixi_mzj_2019_linshijiuzhu": 98,
    "h16_anhui_chuzhou_rsj_2022_sanzhiyifu": 33,
    "h17_shanghai_putuo_tyzx_2022_weituoyunying": 62,
    "h18_hebei_laoting_scjgj_2021_zhiliangjiance": 5,
    "h19_yunnan_lijiang_gucheng_zrzyj_2020_weipianzhifa": 49,
    "h20_hubei_huangshi_tsg_2022_gongxianggongcheng": 88,
    "h21_shanxi_jishan_ybj_2020_jiandanglika": 82,
    # Fifth round (blind numbers in RESULTS.md section 11: 65, 40, 21, 36; these are after
    # section 12's changes).
    "h22_hubei_ezhou_xzspj_2021_shiminzhongxin": 82,
    "h23_hubei_ezhou_czj_2019_disanfangfuwu": 83,
    "h24_shandong_jinan_licheng_whg_2019_shangpinfuwu": 62,
    "h25_hubei_wuhan_xinzhou_jutuan_2020_yanchushebei": 63,
    # Sixth round (blind number in RESULTS.md section 13: 2 of 8; this is after section 14's changes).
    "h26_hubei_huanggang_dag_2020_danganqiangjiu": 8,
    # Seventh round (blind number in RESULTS.md section 15: 24 of 30; this is after section 16's changes).
    "h27_xinjiang_fukang_tjj_2023_diaochaduijingfei": 27,
    # Eighth round (blind numbers in RESULTS.md section 17: 46, 136, 65 and 68; these are after
    # section 18's changes).
    "h28_anhui_xuancheng_gaj_2021_jindujingfei": 46,
    "h29_yunnan_changning_gxs_2022_shengzhuyangzhi": 136,
    "h30_hubei_huangshi_zjj_2022_haimianchengshi": 67,
    "h31_anhui_xuancheng_dzj_2021_fangzhenjianzai": 70,
    # Ninth round (blind number in RESULTS.md section 19: 36 of 41; this is after section 20's changes).
    "h32_sichuan_guangyuan_chaotian_tyzx_2023_quanminjianshen": 38,
    # Tenth round (39 of 46 on first reading in RESULTS.md section 21; blind for the page, not for its
    # template; this is after section 22's changes).
    "h33_anhui_huoshan_ybj_2024_yiliaojiuzhu": 45,
    # Eleventh round (blind number in RESULTS.md section 23: 17 of 33; this is after section 24's changes).
    "h34_jiangxi_shangrao_sfj_2021_sifayewu": 32,
    # Twelfth round (blind numbers in RESULTS.md section 25: 50, 4, 34, 36 and 30; these are after
    # section 26's changes).
    "h35_yunnan_shidian_nyncj_2021_baozhongchang": 87,
    "h36_ningxia_yuanzhou_mzzjj_2022_songcharuhu": 22,
    "h37_sichuan_zitong_rdcwh_2023_daibiaozhijia": 36,
    "h38_hubei_ezhou_kx_2022_kepujingfei": 36,
    "h39_hunan_yiyang_gjjx_2021_zhongzhimianxuefei": 64,
    # Thirteenth round (blind numbers in RESULTS.md section 27: 15, 33, 48, 41, 19 and 41; these are
    # after section 28's changes).
    "h40_sichuan_ganzi_luhuo_wjj_2021_zhongdachuanranbing": 31,
    "h41_hubei_wuhan_caidian_ylj_2021_senlinfanghuo": 45,
    "h42_sichuan_guangyuan_wangcang_wjj_2021_jibenyaowu": 49,
    "h43_sichuan_nanchong_langzhong_jtj_2021_chegoushui": 43,
    "h44_neimenggu_bayannaoer_linhe_2022_jiuyebuzhu": 34,
    "h45_sichuan_nanchong_lyj_2023_tuigenghuanlin": 41,
    # Fourteenth round (blind numbers in RESULTS.md section 29: 20, 38, 26, 23, 29, 106, 29 and 36;
    # these are after section 30's changes).
    "h46_guangdong_shenzhen_luohu_nanhujd_2022_pinggaiguan": 38,
    "h47_yunnan_baoshan_nyj_2023_nengyuananquan": 54,
    "h48_anhui_huangshan_huizhou_xcb_2025_dianyingshiye": 63,
    "h49_beijing_haidian_xueyuanlu_2016_daoluqingsao": 26,
    "h50_guangxi_wht_2021_feiwuzhiwenhuayichan": 29,
    "h51_anhui_liuan_yuan_wlj_2022_wenwubaohu": 106,
    "h52_hainan_nongken_syzx_2023_xueshengshiwu": 67,
    "h53_hubei_huangshi_sanzhong_2023_xiaoyuanweixiu": 66,
    # Fifteenth round (blind numbers in RESULTS.md section 31: 36, 15, 32, 48, 32, 103 and 43; these are
    # after section 32's changes).
    "h54_anhui_huainan_sjzyj_2023_chuangkoukaohe": 41,
    "h55_tianjin_xiqing_chilong_2021_jixiaogongzi": 17,
    "h56_anhui_luan_wlj_2021_gonggongwenhua": 33,
    "h57_fujian_shishi_kss_2022_jibenyewu": 50,
    "h58_hubei_wuhan_caidian_jjz_2019_jijiuyunying": 65,
    "h59_anhui_xiaoxian_yanglou_2023_tesezhongyang": 110,
    "h60_hubei_xianning_sthjj_2021_daqiwuran": 44,
    # Sixteenth round (blind numbers in RESULTS.md section 34: 53, 123 and 108; these are after
    # section 35's changes).
    "h61_sichuan_suining_anju_scjgj_2021_shipinjianguan": 93,
    "h62_sichuan_suining_jingkaiqu_scjgfj_2021_yaopinjianguan": 143,
    "h63_anhui_luan_huoshan_jyj_2024_teshujiaoyu": 118,
    # Seventeenth round (blind numbers in RESULTS.md section 37: 35, 29 and 58; these are after
    # section 38's changes).
    "h64_sichuan_unknown_unknown_unknown_puhuijinrong": 93,
    "h65_hubei_suizhou_guangshui_chenxiangzx_2019_guganjiaoshi": 98,  # 29 before section 46
    "h66_ningxia_zizhiqu_fcfxzx_2023_fucaiapp": 69,
    # Eighteenth round (blind number in RESULTS.md section 39: 46 of 46; h35's template).
    "h67_yunnan_shidian_nyncj_2019_xinxingzhuti": 46,
    # Nineteenth round (blind number in RESULTS.md section 40: 31 of 31).
    "h68_anhui_huainan_tianjiaan_rsj_2024_jiuyebuzhu": 31,
    # Twentieth round (blind numbers in RESULTS.md section 41: 19, 16 and 23; these are after
    # section 42's changes).
    "h69_anhui_xuancheng_nyncj_2024_dongwufangyi": 27,
    "h70_anhui_xuancheng_nyncj_2023_liangqiangyizeng": 27,
    "h71_unknown_qu_scjgj_2020_yuyechengpinyou": 23,
}
# All 71 forms after the section-46 changes (RESULTS.md, sections 42 and 46; not blind).
MEASURED_TOTAL = (4426, 4497)
# The forms on which TARGET is met (not blind): h1-h13, 98.2 % (RESULTS.md, sections 8 and 10).
TARGET_FORMS = {stem for stem in MEASURED if int(stem.split("_")[0][1:]) <= 13}

FORMS = sorted(HELDOUT.glob("*.txt"))
REJECTED = sorted((HELDOUT / "rejected").glob("*.txt"))


def _score(path: Path) -> tuple[int, int, list[str]]:
    expected = json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))
    assert expected.get("source_url") or expected.get("source"), "every held-out form names its source"
    try:
        forms = [to_contract_dict(f) for f in parse_document(path.read_bytes(), path.name).forms]
    except DocumentError:
        forms = []
    cells, diffs = compare_form(expected, forms[0] if forms else None)
    return cells - len(diffs), cells, diffs


def test_every_heldout_form_has_a_measured_floor():
    assert {p.stem for p in FORMS} == set(MEASURED)


@pytest.mark.parametrize("path", FORMS, ids=[p.stem for p in FORMS])
def test_heldout_form(path: Path):
    right, cells, diffs = _score(path)
    assert right >= MEASURED[path.stem], f"{path.stem}: {right}/{cells}\n" + "\n".join(diffs)


def test_heldout_score(capsys):
    right = total = target_right = target_total = 0
    lines = []
    for path in FORMS:
        ok, cells, diffs = _score(path)
        right += ok
        total += cells
        if path.stem in TARGET_FORMS:
            target_right += ok
            target_total += cells
        lines.append(f"  {path.name}: {ok}/{cells}" + "".join(f"\n      {d}" for d in diffs))
    with capsys.disabled():
        print(f"\nheld-out score: {right}/{total} = {100 * right / total:.1f}% (target {100 * TARGET:.0f}%: "
              f"{'met' if right / total >= TARGET else 'NOT met'}); h1-h13: {target_right}/{target_total} = "
              f"{100 * target_right / target_total:.1f}%\n" + "\n".join(lines))
    assert total and target_total
    # Hold the measured level (cells right, and the share) so a regression fails.
    assert right >= MEASURED_TOTAL[0]
    assert right / total >= MEASURED_TOTAL[0] / MEASURED_TOTAL[1] - 1e-9
    assert target_right / target_total >= TARGET
    # The target over the whole set (met since section 46; not a blind measure).
    assert right / total >= TARGET


@pytest.mark.parametrize("path", REJECTED, ids=[p.stem for p in REJECTED])
def test_unsupported_pages_are_refused(path: Path):
    """部门整体支出 and evaluation-framework scorecards found next to the forms: refused with a
    clear reason, never read into a form."""
    with pytest.raises(DocumentError) as caught:
        parse_document(path.read_bytes(), path.name)
    reason = caught.value.reason
    assert reason.startswith("unsupported template") or "no 项目支出绩效自评表 form found" in reason
    if "framework_scorecard" in path.stem and ("hainan" in path.stem or "project_framework" in path.stem):
        assert reason.startswith("unsupported template: evaluation-framework")
    if "department_whole_selfeval" in path.stem:
        assert reason.startswith("unsupported template: 部门整体")
    if "target_table" in path.stem:
        assert reason.startswith("unsupported template: 绩效目标表")
