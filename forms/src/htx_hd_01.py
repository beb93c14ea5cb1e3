"""htx_hd_01.py: form (b), the periodic operations report HTX-HD-01.

Sections A-E of domain.md 3.3 after the shared period and identity blocks,
then the attestation.  Money in million VND.
"""

import common
from common import NONNEG, PCT, REQ, min_members, tax_constraint, \
    tax_warning, TAX_CMSG, TAX_WMSG
from xform import Form, q, section, repeat, end

FORM_ID = "htx-hd-01"
FORM_CODE = "HTX-HD-01"
VERSION = "1.0.0"
TITLE = "Báo cáo định kỳ tình hình hoạt động của hợp tác xã"
PERIODS = [("nam", "yes"), ("quy", "no")]

LE_MEM = dict(constraint=". <= ${mem_official}",
              cmsg=("Không được lớn hơn số thành viên chính thức",
                    "Cannot exceed the number of official members"))
LE_LAB = dict(constraint=". <= ${lab_total}",
              cmsg=("Không được lớn hơn tổng số lao động",
                    "Cannot exceed the number of workers"))
LE_REV = dict(constraint=". <= ${revenue_total}",
              cmsg=("Không được lớn hơn tổng doanh thu",
                    "Cannot exceed the total revenue"))

CHOICES = dict(common.CHOICES)
CHOICES.update({
    "period_types": common.period_choices(PERIODS),
    "services": [
        ("vat_tu_dau_vao", "Cung ứng vật tư đầu vào", "Input supplies"),
        ("ky_thuat", "Hướng dẫn kỹ thuật", "Technical advice"),
        ("lam_dat_co_gioi", "Làm đất, cơ giới hóa",
         "Land preparation, machinery"),
        ("thuy_loi", "Thủy lợi", "Irrigation"),
        ("che_bien", "Chế biến", "Processing"),
        ("tieu_thu_san_pham", "Tiêu thụ sản phẩm", "Selling members' produce"),
        ("cho_vay_noi_bo", "Cho vay nội bộ", "Internal lending"),
        ("dien", "Điện", "Electricity"),
        ("nuoc_sach", "Nước sạch", "Clean water"),
        ("van_tai", "Vận tải", "Transport"),
        ("du_lich", "Du lịch", "Tourism"),
        ("khac", "Khác", "Other"),
    ],
    "audit_type": [
        ("khong", "Không kiểm toán", "No audit"),
        ("noi_bo", "Kiểm toán nội bộ", "Internal audit"),
        ("doc_lap", "Kiểm toán độc lập", "Independent audit"),
    ],
    "key_roles": [
        ("chu_tich_hdqt", "Chủ tịch Hội đồng quản trị", "Chair of the board"),
        ("giam_doc", "Giám đốc", "Director"),
        ("truong_bks", "Trưởng ban kiểm soát / kiểm soát viên",
         "Head of the control board / controller"),
        ("ke_toan", "Kế toán", "Accountant"),
    ],
    "qual_level": [
        ("chua_dao_tao", "Chưa qua đào tạo", "No formal training"),
        ("so_cap", "Sơ cấp", "Elementary vocational"),
        ("trung_cap_cao_dang", "Trung cấp, cao đẳng",
         "Intermediate, college"),
        ("dai_hoc_tro_len", "Đại học trở lên", "University or higher"),
    ],
})

# After-tax income from external transactions (Art. 84 base) and the
# internal share of after-tax income (Art. 86 base): approximations, see
# forms/README.md.
EXT_INCOME = ("if(${tracks_internal} = 'co' and ${revenue_total} > 0, "
              "${profit_after_tax} * ${revenue_external} div "
              "${revenue_total}, ${profit_after_tax})")
INT_INCOME = ("if(${tracks_internal} = 'co' and ${revenue_total} > 0, "
              "${profit_after_tax} * ${revenue_internal} div "
              "${revenue_total}, 0)")
REV_INTERNAL = "if(${tracks_internal} = 'co', ${revenue_internal}, 0)"
LARGE = ("${size_class} = 'lon' or (${org_type} = 'lhhtx' and "
         "${mem_official} >= 10)")


def rows():
    r = common.period_rows(FORM_CODE, VERSION, default_type="nam")
    r += common.identity_rows("mem_official")
    r += [
        section("sec_a", "A. Thành viên", "A. Members"),
        q("integer", "mem_official", "Số thành viên chính thức",
          "Official members",
          hint=("Liên hiệp hợp tác xã: số hợp tác xã thành viên",
                "A union: the number of member cooperatives"),
          required=True, rmsg=REQ, **min_members("mem_official")),
        q("integer", "mem_official_individual", "trong đó: cá nhân",
          "of which individuals", relevant="${org_type} != 'lhhtx'",
          required=True, rmsg=REQ, **NONNEG),
        q("integer", "mem_official_household", "trong đó: hộ gia đình",
          "of which households", relevant="${org_type} != 'lhhtx'",
          required=True, rmsg=REQ, **NONNEG),
        q("integer", "mem_official_legal", "trong đó: pháp nhân",
          "of which legal entities", relevant="${org_type} != 'lhhtx'",
          required=True, rmsg=REQ,
          constraint=". >= 0 and ${mem_official_individual} + "
                     "${mem_official_household} + . = ${mem_official}",
          cmsg=("Cá nhân + hộ gia đình + pháp nhân phải bằng số thành viên "
                "chính thức", "Individuals + households + legal entities "
                "must equal the official members")),
        q("integer", "mem_assoc_capital", "Thành viên liên kết góp vốn",
          "Capital-contributing associate members",
          relevant="${org_type} != 'tht'", required=True, rmsg=REQ, **NONNEG),
        q("integer", "mem_assoc_noncapital",
          "Thành viên liên kết không góp vốn",
          "Non-contributing associate members",
          relevant="${org_type} != 'tht'", required=True, rmsg=REQ, **NONNEG),
        q("integer", "mem_female", "Thành viên chính thức là nữ",
          "Female official members", required=True, rmsg=REQ, **LE_MEM),
        q("integer", "mem_ethnic_minority",
          "Thành viên là người dân tộc thiểu số", "Ethnic-minority members",
          required=True, rmsg=REQ, **LE_MEM),
        q("integer", "mem_disabled", "Thành viên là người khuyết tật",
          "Members with disabilities", **LE_MEM),
        q("integer", "mem_left", "Thành viên ra khỏi trong kỳ",
          "Members who left in the period", **NONNEG),
        q("integer", "mem_joined", "Thành viên gia nhập trong kỳ",
          "Members who joined in the period",
          constraint=". >= 0 and . <= ${mem_official} + "
                     "coalesce(${mem_left}, 0)",
          cmsg=("Số gia nhập không thể lớn hơn số thành viên hiện có cộng "
                "số đã ra khỏi", "Joiners cannot exceed the current members "
                "plus those who left")),
        end(),

        section("sec_b", "B. Lao động", "B. Labour"),
        q("integer", "lab_total", "Tổng số lao động thường xuyên",
          "Regular workers", required=True, rmsg=REQ, **NONNEG),
        q("integer", "lab_members", "trong đó: là thành viên",
          "of which members", required=True, rmsg=REQ, **LE_LAB),
        q("integer", "lab_nonmembers", "trong đó: không là thành viên",
          "of which non-members", required=True, rmsg=REQ,
          constraint=". >= 0 and ${lab_members} + . = ${lab_total}",
          cmsg=("Lao động là thành viên + không là thành viên phải bằng tổng "
                "số lao động", "Member + non-member workers must equal the "
                "regular workers")),
        q("integer", "lab_female", "Lao động nữ", "Female workers",
          required=True, rmsg=REQ, **LE_LAB),
        q("integer", "lab_social_insurance", "Lao động tham gia BHXH",
          "Workers with social insurance", required=True, rmsg=REQ, **LE_LAB),
        q("decimal", "avg_income_month",
          "Thu nhập bình quân của người lao động (triệu đồng/tháng)",
          "Average monthly income per worker (million VND)",
          required=True, rmsg=REQ,
          constraint=". >= 0 and . <= 200",
          cmsg=("Thu nhập bình quân phải từ 0 đến 200 triệu đồng/tháng",
                "The average income must be 0 to 200 million VND a month"),
          warning=". >= 3.45",
          wmsg=("Thấp hơn lương tối thiểu vùng thấp nhất (vùng IV: 3,45 "
                "triệu đồng/tháng, Nghị định 74/2024/NĐ-CP)",
                "Below the lowest regional minimum wage (region IV: 3.45 "
                "million VND a month, Decree 74/2024)")),
        end(),

        section("sec_c", "C. Vốn, tài sản, quỹ (triệu đồng)",
                "C. Capital, assets, funds (million VND)"),
        q("decimal", "charter_capital", "Vốn điều lệ", "Charter capital",
          relevant="${org_type} != 'tht'", required=True, rmsg=REQ, **NONNEG),
        q("decimal", "total_capital", "Tổng nguồn vốn",
          "Total capital (liabilities and equity)", required=True, rmsg=REQ,
          constraint=". >= 0",
          cmsg=("Giá trị không được âm", "The value cannot be negative"),
          warning="${org_type} = 'tht' or . >= ${charter_capital}",
          wmsg=("Tổng nguồn vốn nhỏ hơn vốn điều lệ",
                "Total capital is less than the charter capital")),
        q("decimal", "total_assets", "Tổng tài sản", "Total assets",
          required=True, rmsg=REQ,
          constraint="abs(. - ${total_capital}) <= 1",
          cmsg=("Tổng tài sản phải bằng tổng nguồn vốn (chênh lệch tối đa 1 "
                "triệu đồng)", "Total assets must equal total capital "
                "(within 1 million VND)")),
        q("decimal", "liabilities", "Nợ phải trả", "Liabilities",
          constraint=". >= 0 and . <= ${total_capital}",
          cmsg=("Nợ phải trả không được âm hay lớn hơn tổng nguồn vốn",
                "Liabilities cannot be negative or exceed total capital")),
        q("decimal", "indivisible_fund",
          "Quỹ chung không chia (số dư cuối kỳ)",
          "Indivisible fund balance", relevant="${org_type} != 'tht'",
          required=True, rmsg=REQ, **NONNEG),
        q("decimal", "indivisible_assets", "Tài sản chung không chia",
          "Indivisible assets", relevant="${org_type} != 'tht'", **NONNEG),
        end(),

        section("sec_d", "D. Kết quả sản xuất, kinh doanh (triệu đồng)",
                "D. Business results (million VND)"),
        q("select_one yes_no", "tracks_internal",
          "Có hạch toán riêng giao dịch nội bộ",
          "Internal transactions tracked separately", required=True,
          rmsg=REQ),
        q("decimal", "revenue_total", "Tổng doanh thu", "Total revenue",
          required=True, rmsg=REQ, **NONNEG),
        q("decimal", "revenue_internal",
          "Doanh thu từ giao dịch nội bộ (với thành viên)",
          "Revenue from internal transactions",
          relevant="${tracks_internal} = 'co'", required=True, rmsg=REQ,
          **NONNEG),
        q("decimal", "revenue_external", "Doanh thu từ giao dịch bên ngoài",
          "Revenue from external transactions", required=True, rmsg=REQ,
          constraint=". >= 0 and abs(%s + . - ${revenue_total}) <= 1"
                     % REV_INTERNAL,
          cmsg=("Doanh thu nội bộ + bên ngoài phải bằng tổng doanh thu "
                "(chênh lệch tối đa 1 triệu đồng)",
                "Internal + external revenue must equal the total revenue "
                "(within 1 million VND)")),
        q("calculate", "internal_ratio_pct",
          "Tỷ lệ giá trị giao dịch nội bộ (%)",
          "Internal-transaction ratio (%)", type="decimal",
          calculate="if(${revenue_total} > 0, round(100 * %s div "
                    "${revenue_total}, 2), 0)" % REV_INTERNAL),
        q("decimal", "cost_total", "Tổng chi phí", "Total cost",
          required=True, rmsg=REQ, **NONNEG),
        q("decimal", "profit_before_tax", "Lợi nhuận trước thuế",
          "Profit before tax", required=True, rmsg=REQ,
          constraint=". <= ${revenue_total}",
          cmsg=("Lợi nhuận không thể lớn hơn tổng doanh thu",
                "Profit cannot exceed the total revenue"),
          warning="abs(. - (${revenue_total} - ${cost_total})) <= 1",
          wmsg=("Lợi nhuận trước thuế khác tổng doanh thu trừ tổng chi phí",
                "Profit before tax differs from revenue minus cost")),
        q("decimal", "profit_after_tax", "Lợi nhuận sau thuế",
          "Profit after tax", required=True, rmsg=REQ,
          constraint="${profit_before_tax} < 0 or . <= ${profit_before_tax}",
          cmsg=("Lợi nhuận sau thuế không thể lớn hơn lợi nhuận trước thuế",
                "Profit after tax cannot exceed profit before tax")),
        q("decimal", "tax_paid", "Thuế đã nộp ngân sách", "Taxes paid",
          **NONNEG),
        q("calculate", "indivisible_fund_min",
          "Mức trích quỹ chung không chia tối thiểu",
          "Minimum allocation to the indivisible fund", type="decimal",
          calculate="if(%s > 0, round(if(${org_type} = 'lhhtx', 0.10, 0.05) "
                    "* %s, 3), 0)" % (EXT_INCOME, EXT_INCOME)),
        q("decimal", "indivisible_fund_added",
          "Trích lập quỹ chung không chia trong kỳ",
          "Added to the indivisible fund in the period",
          relevant="${org_type} != 'tht'", required=True, rmsg=REQ,
          constraint=". >= 0",
          cmsg=("Giá trị không được âm", "The value cannot be negative"),
          warning="${org_type} = 'qtdnd' or . >= ${indivisible_fund_min}",
          wmsg=("Trích lập thấp hơn mức tối thiểu ${indivisible_fund_min} "
                "triệu đồng (5 % với hợp tác xã, 10 % với liên hiệp, của thu "
                "nhập từ giao dịch bên ngoài; Điều 84)",
                "Less than the minimum of ${indivisible_fund_min} million VND "
                "(5 % for a cooperative, 10 % for a union, of income from "
                "external transactions; Art. 84)")),
        q("calculate", "distributable_internal",
          "Thu nhập từ giao dịch nội bộ sau thuế (ước tính)",
          "After-tax income from internal transactions (estimate)",
          type="decimal", calculate="round(%s, 3)" % INT_INCOME),
        q("decimal", "distributed_by_usage",
          "Thu nhập phân phối theo mức độ sử dụng dịch vụ, góp sức",
          "Income distributed by use of services or labour",
          constraint=". >= 0",
          cmsg=("Giá trị không được âm", "The value cannot be negative"),
          warning="${distributable_internal} <= 0 or "
                  ". >= 0.51 * ${distributable_internal}",
          wmsg=("Thấp hơn 51 % thu nhập từ giao dịch nội bộ (${"
                "distributable_internal} triệu đồng, Điều 86)",
                "Less than 51 % of the income from internal transactions "
                "(${distributable_internal} million VND, Art. 86)")),
        q("select_multiple services", "services_to_members",
          "Dịch vụ cung ứng cho thành viên", "Services to members",
          required=True, rmsg=REQ),
        q("decimal", "services_value",
          "Giá trị dịch vụ cung ứng cho thành viên",
          "Value of services to members", **LE_REV),
        end(),

        section("sec_e", "E. Đầu tư, quản trị, kiểm toán",
                "E. Investment, governance, audit"),
        q("decimal", "investment_in_period",
          "Vốn đầu tư thực hiện trong kỳ (triệu đồng)",
          "Investment in the period (million VND)", **NONNEG),
        repeat("enterprises_owned",
               "Doanh nghiệp do hợp tác xã thành lập hoặc góp vốn",
               "Enterprises founded or invested in"),
        q("text", "name", "Tên doanh nghiệp", "Enterprise name",
          required=True, rmsg=REQ),
        q("text", "tax_code", "Mã số thuế doanh nghiệp",
          "Enterprise tax code", required=True, rmsg=REQ,
          constraint=tax_constraint(), cmsg=TAX_CMSG,
          warning=tax_warning(), wmsg=TAX_WMSG),
        q("decimal", "share_pct", "Tỷ lệ vốn góp (%)", "Capital share (%)",
          required=True, rmsg=REQ, **PCT),
        end(),
        q("decimal", "internal_loans_outstanding",
          "Dư nợ cho vay nội bộ (triệu đồng)",
          "Internal loans outstanding (million VND)",
          relevant="selected(${services_to_members}, 'cho_vay_noi_bo')",
          required=True, rmsg=REQ, **NONNEG),
        q("select_one yes_no", "agm_held",
          "Đã họp Đại hội thành viên thường niên trong kỳ",
          "Annual general meeting held in the period", required=True,
          rmsg=REQ,
          warning=". = 'co'",
          wmsg=("Đại hội thành viên phải họp thường niên (Điều 57)",
                "The general meeting must meet every year (Art. 57)")),
        q("date", "agm_date", "Ngày họp Đại hội thành viên thường niên",
          "Date of the annual general meeting",
          relevant="${agm_held} = 'co'", required=True, rmsg=REQ,
          constraint=". <= ${data_to}",
          cmsg=("Ngày họp không được sau ngày cuối kỳ số liệu",
                "The meeting date cannot be after the end of the data "
                "period"),
          warning=". >= ${data_from}",
          wmsg=("Ngày họp trước kỳ số liệu", "The meeting was before the "
                "data period")),
        q("select_one audit_type", "audit_type",
          "Kiểm toán báo cáo tài chính", "Financial-statement audit",
          relevant="${org_type} != 'tht'", required=True, rmsg=REQ),
        q("integer", "last_independent_audit_year",
          "Năm kiểm toán độc lập gần nhất",
          "Year of the last independent audit",
          hint=("Để trống nếu chưa từng kiểm toán độc lập",
                "Leave empty if never audited independently"),
          relevant="${org_type} != 'tht' and ${audit_type} != 'doc_lap' and "
                   "(%s)" % LARGE,
          constraint=". >= 1990 and . <= ${report_year}",
          cmsg=("Năm kiểm toán phải từ 1990 đến năm báo cáo",
                "The audit year must be 1990 to the reporting year"),
          warning=". >= ${report_year} - 1",
          wmsg=("Hợp tác xã quy mô lớn và liên hiệp có từ 10 thành viên phải "
                "kiểm toán độc lập ít nhất 2 năm một lần (Điều 106)",
                "Large cooperatives and unions with 10 or more members need "
                "an independent audit at least every 2 years (Art. 106)")),
        repeat("key_staff_quals", "Trình độ cán bộ chủ chốt",
               "Key staff qualifications", count="4", noaddremove=True,
               rows=[{"role": v} for v, _, _ in CHOICES["key_roles"]]),
        q("select_one key_roles", "role", "Chức danh", "Position",
          readonly=True),
        q("select_one qual_level", "level", "Trình độ chuyên môn",
          "Qualification"),
        end(),
        q("text", "difficulties", "Khó khăn", "Difficulties",
          appearance="multiline",
          constraint="string-length(.) <= 4000",
          cmsg=("Không quá 4000 ký tự", "At most 4000 characters")),
        q("text", "proposals", "Kiến nghị", "Proposals",
          appearance="multiline",
          constraint="string-length(.) <= 4000",
          cmsg=("Không quá 4000 ký tự", "At most 4000 characters")),
        end(),
    ]
    r += common.attestation_rows("sec_f", "F. Xác nhận", "F. Attestation")
    return r


def form(header):
    f = Form(FORM_ID, VERSION, TITLE, rows(), CHOICES,
             instances=[
                 ("coop-calendar", None, common.calendar_instance(PERIODS)),
                 ("communes", "jr://file-csv/communes.csv", None),
             ],
             header=header)
    f.instance_name = common.instance_name(FORM_CODE)
    return f
