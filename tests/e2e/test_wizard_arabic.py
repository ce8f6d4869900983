"""The guided flow in Arabic, right to left, in a real browser: chosen with the language switcher, checked
with axe-core on every page and photographed into test-artifacts/.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.axe import assert_no_axe_violations
from tests.e2e.signing import DEMO_PASSWORD as PASSWORD
from tests.e2e.signing import follow
from tests.e2e.test_wizard_flow import EDITOR

pytestmark = pytest.mark.e2e

TITLE = "خارطة طريق غانا لحماية الأطفال على الإنترنت 2027–2031"
MINISTRY = "وزارة الاتصالات والرقمنة"
GAP_ANALYSIS = "تحليل الثغرات في قوانين حماية الأطفال على الإنترنت"


def test_an_arabic_speaking_team_drafts_a_roadmap_right_to_left(live_server, page, artifacts):
    shots = iter(range(1, 100))

    def visit(name: str) -> None:
        html = page.locator("html")
        expect(html).to_have_attribute("lang", "ar")
        expect(html).to_have_attribute("dir", "rtl")
        assert_no_axe_violations(page, f"arabic {name}")
        page.screenshot(path=str(artifacts / f"e2e-arabic-{next(shots):02d}-{name}.png"), full_page=True)

    # The switcher is a plain form: no script needed, and it comes back to the same page.
    page.goto(f"{live_server}/login")
    page.get_by_label("Language").select_option("ar")
    follow(page, page.get_by_role("button", name="Change language"))
    assert page.url.endswith("/login")
    visit("login")
    # The page now reads from the right: the form starts at the right edge of the main column.
    box = page.locator("main form").first.bounding_box()
    main = page.locator("main").bounding_box()
    assert abs((box["x"] + box["width"]) - (main["x"] + main["width"])) < 40, (box, main)

    page.get_by_label("البريد الإلكتروني").fill(EDITOR)
    page.get_by_label("كلمة المرور").fill(PASSWORD)
    page.get_by_role("button", name="تسجيل الدخول").click()
    page.get_by_role("heading", name="خرائط الطريق الخاصة بك").wait_for()
    visit("home")

    page.get_by_role("link", name="بدء خارطة طريق جديدة").click()
    page.get_by_label("عنوان خارطة الطريق").fill(TITLE)
    page.get_by_label("تاريخ البدء").fill("2027-01-04")
    page.get_by_label("لغة خارطة الطريق").select_option(label="العربية")
    expect(page.get_by_label("البلد")).to_contain_text("غانا")
    visit("basics")
    page.get_by_role("button", name="إنشاء خارطة الطريق").click()
    page.get_by_role("heading", name="1. التدابير القانونية").wait_for()

    page.get_by_role("button", name="أصحاب المصلحة", exact=True).click()
    page.get_by_label("الاسم", exact=True).fill(MINISTRY)
    page.get_by_label("النوع", exact=True).select_option(label="الحكومة")
    page.get_by_role("button", name="إضافة صاحب المصلحة").click()
    expect(page.get_by_role("status")).to_have_text(f"أُضيف صاحب المصلحة: {MINISTRY}.")
    visit("stakeholders")
    page.get_by_role("link", name="العودة إلى الخطوة التي كنت فيها").click()

    # A template from the catalog comes in Arabic, the roadmap's language.
    page.get_by_role("button", name=f"إضافة من هذا النموذج : {GAP_ANALYSIS}").click()
    expect(page.get_by_label("العنوان", exact=True)).to_have_value(GAP_ANALYSIS)
    expect(page.get_by_label("الوصف")).to_have_value(re.compile("^مراجعة القوانين الجنائية"))
    page.get_by_label("الجهة الرائدة", exact=True).select_option(label=MINISTRY)
    visit("deliverable-form")
    page.get_by_role("button", name="حفظ المُخرَج").click()
    expect(page.get_by_role("status").filter(has_text="أُضيف المُخرَج.")).to_be_visible()
    page.get_by_role("radio", name="2 — تكويني").check()
    visit("pillar-legal")
    page.get_by_role("button", name="الحفظ والمتابعة").click()
    page.get_by_role("heading", name="2. التدابير التقنية والإجرائية").wait_for()

    page.get_by_role("link", name="المراجعة", exact=False).last.click()
    page.get_by_role("heading", name="المراجعة", level=1).wait_for()
    timeline = page.get_by_role("region", name="الجدول الزمني").locator("svg[role=img]")
    expect(timeline).to_have_count(1)
    visit("review")

    page.get_by_role("link", name="الانتقال إلى خارطة الطريق").click()
    page.get_by_role("heading", name=TITLE, level=1).wait_for()
    visit("roadmap")
    # The PDF link is there; the PDF itself is checked in tests/views/files/test_translated_pdf.py.
    expect(page.get_by_role("link", name="تنزيل ملف PDF الجاهز للطباعة")).to_be_visible()
