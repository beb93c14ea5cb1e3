"""common.py: what both report forms share.

The reporting calendar, the identity block of domain.md section 3.1 (tax
code check digit, organisation type and minimum members, place, sector,
governance), the period and report-kind fields, the attestation, and the
choice lists they use.  Each form module calls these with its own
parameters; nothing here is written twice in the XML sources.
"""

from xform import q, section, end

# --- the reporting calendar ---------------------------------------------
#
# One entry per (period type, period number): the data window as month-day
# plus a year offset from report_year, and the deadline the same way.
# report_year is always the year in which the data window ends.

CALENDAR = {
    "nam": [
        dict(no=1, frm=("12-15", -1), to=("12-14", 0), deadline=("12-15", 0),
             vi="Cả năm", en="Whole year",
             basis="Thông tư 09/2024/TT-BKHĐT, Điều 6"),
    ],
    "6thang": [
        dict(no=1, frm=("12-15", -1), to=("06-14", 0), deadline=("06-15", 0),
             vi="6 tháng đầu năm", en="First half-year",
             basis="Nghị định 09/2019/NĐ-CP, Điều 12 (đề xuất)"),
        dict(no=2, frm=("06-15", 0), to=("12-14", 0), deadline=("12-15", 0),
             vi="6 tháng cuối năm", en="Second half-year",
             basis="Nghị định 09/2019/NĐ-CP, Điều 12 (đề xuất)"),
    ],
    "quy": [
        dict(no=n, frm=(frm, -1 if n == 1 else 0), to=(to, 0),
             deadline=(dl, 0), vi="Quý " + roman, en="Quarter %d" % n,
             basis="Nghị định 09/2019/NĐ-CP, Điều 12 (đề xuất)")
        for n, roman, frm, to, dl in (
            (1, "I", "12-15", "03-14", "03-15"),
            (2, "II", "03-15", "06-14", "06-15"),
            (3, "III", "06-15", "09-14", "09-15"),
            (4, "IV", "09-15", "12-14", "12-15"))
    ],
}

PERIOD_TYPES = [
    ("nam", "Năm", "Year"),
    ("6thang", "6 tháng", "Half-year"),
    ("quy", "Quý", "Quarter"),
]


def calendar_instance(types):
    """The <instance id="coop-calendar"> content.  types: list of
    (period_type, due) where due is "yes" when the what-is-due view must
    list the period every year."""
    from xml.sax.saxutils import escape
    lines = ["<root>"]
    for ptype, due in types:
        for e in CALENDAR[ptype]:
            lines += [
                "  <item>",
                "    <period_type>%s</period_type>" % ptype,
                "    <period_no>%d</period_no>" % e["no"],
                "    <from_month_day>%s</from_month_day>" % e["frm"][0],
                "    <from_year_offset>%d</from_year_offset>" % e["frm"][1],
                "    <to_month_day>%s</to_month_day>" % e["to"][0],
                "    <to_year_offset>%d</to_year_offset>" % e["to"][1],
                "    <deadline_month_day>%s</deadline_month_day>"
                % e["deadline"][0],
                "    <deadline_year_offset>%d</deadline_year_offset>"
                % e["deadline"][1],
                "    <due>%s</due>" % due,
                "    <label_vi>%s</label_vi>" % escape(e["vi"]),
                "    <label_en>%s</label_en>" % escape(e["en"]),
                "    <basis>%s</basis>" % escape(e["basis"]),
                "  </item>",
            ]
    lines.append("</root>")
    return lines


CAL_ROW = ("instance('coop-calendar')/root/item[period_type = "
           "/data/period_type and period_no = /data/period_no]")


def cal_date(which):
    """The date of the current period's from/to/deadline, or ''."""
    return ("if(/data/report_year != '' and count(%s) = 1, "
            "concat(/data/report_year + %s/%s_year_offset, '-', "
            "%s/%s_month_day), '')" % (CAL_ROW, CAL_ROW, which, CAL_ROW,
                                       which))


# --- expressions ----------------------------------------------------------

TAX_RE = "^[0-9]{10}(-[0-9]{3})?$"
TAX_WEIGHTS = (31, 29, 23, 19, 17, 13, 7, 5, 3)


def tax_check(x):
    """The check value 10 - (sum of d_i * w_i mod 11) of tax code x: 0-9
    is the expected tenth digit, 10 means the digit cannot be checked."""
    s = " + ".join("substr(%s, %d, %d) * %d" % (x, i, i + 1, w)
                   for i, w in enumerate(TAX_WEIGHTS))
    return "(10 - ((%s) mod 11))" % s


def tax_constraint(x="."):
    c = tax_check(x)
    return ("regex(%s, '%s') and (%s = 10 or substr(%s, 9, 10) = %s)"
            % (x, TAX_RE, c, x, c))


def tax_warning(x="."):
    return "%s != 10" % tax_check(x)


TAX_CMSG = ("Mã số thuế phải có 10 chữ số (hoặc 10 chữ số, gạch ngang, 3 chữ "
            "số) và chữ số thứ 10 phải đúng theo chữ số kiểm tra",
            "The tax code must have 10 digits (or 10 digits, a hyphen and 3 "
            "digits) and its 10th digit must match the check digit")
TAX_WMSG = ("Không kiểm tra được chữ số kiểm tra của mã số thuế này (giá trị "
            "kiểm tra bằng 10); hãy đối chiếu với giấy chứng nhận đăng ký",
            "The check digit of this tax code cannot be verified (the check "
            "value is 10); compare it with the registration certificate")

VI_LOWER = ("aàáảãạăằắẳẵặâầấẩẫậbcdđeèéẻẽẹêềếểễệghiìíỉĩịklmnoòóỏõọôồốổỗộơờớởỡợ"
            "pqrstuùúủũụưừứửữựvxyỳýỷỹỵfjwz")
VI_UPPER = VI_LOWER.upper()
assert len(VI_LOWER) == len(VI_UPPER)


def upper_case(x):
    return "translate(%s, '%s', '%s')" % (x, VI_LOWER, VI_UPPER)


def pct_band(x):
    """0 for 0 %, then 1-5 for (0,20], (20,40], (40,60], (60,80], (80,100]."""
    return ("if(%s <= 0, 0, 1 + (%s > 20) + (%s > 40) + (%s > 60) + (%s > 80))"
            % (x, x, x, x, x))


def min_members(members):
    """Law 17/2023 Art. 4: HTX >= 5, LHHTX >= 3, THT >= 2."""
    return dict(
        constraint="(${org_type} != 'htx' or . >= 5) and "
                   "(${org_type} != 'lhhtx' or . >= 3) and "
                   "(${org_type} != 'tht' or . >= 2)",
        cmsg=("Số thành viên chính thức dưới mức tối thiểu của Luật Hợp tác "
              "xã 2023 (Điều 4): hợp tác xã ít nhất 5, liên hiệp hợp tác xã "
              "ít nhất 3 hợp tác xã thành viên, tổ hợp tác ít nhất 2",
              "Fewer official members than the Law on Cooperatives 2023 "
              "(Art. 4) requires: a cooperative at least 5, a union at least "
              "3 member cooperatives, a cooperative group at least 2"))


NONNEG = dict(constraint=". >= 0",
              cmsg=("Giá trị không được âm", "The value cannot be negative"))

PCT = dict(constraint=". >= 0 and . <= 100",
           cmsg=("Tỷ lệ phải từ 0 đến 100", "The percentage must be 0 to 100"))

PHONE = dict(constraint="regex(., '^[0-9+(). -]{8,20}$')",
             cmsg=("Số điện thoại chỉ gồm chữ số, dấu cách và + ( ) . -, "
                   "từ 8 đến 20 ký tự", "A phone number has 8 to 20 "
                   "digits, spaces or + ( ) . -"))

REQ = ("Câu hỏi này bắt buộc trả lời", "This question must be answered")


def exclusive(none_value):
    return dict(
        constraint="not(selected(., '%s')) or count-selected(.) = 1"
                   % none_value,
        cmsg=("Lựa chọn \"Không có\" không đi cùng lựa chọn khác",
              "\"None\" cannot be combined with another choice"))


# --- choice lists -----------------------------------------------------------

PROVINCES = [
    ("01", "Thành phố Hà Nội", "Hà Nội City"),
    ("04", "Tỉnh Cao Bằng", "Cao Bằng Province"),
    ("08", "Tỉnh Tuyên Quang", "Tuyên Quang Province"),
    ("11", "Tỉnh Điện Biên", "Điện Biên Province"),
    ("12", "Tỉnh Lai Châu", "Lai Châu Province"),
    ("14", "Tỉnh Sơn La", "Sơn La Province"),
    ("15", "Tỉnh Lào Cai", "Lào Cai Province"),
    ("19", "Tỉnh Thái Nguyên", "Thái Nguyên Province"),
    ("20", "Tỉnh Lạng Sơn", "Lạng Sơn Province"),
    ("22", "Tỉnh Quảng Ninh", "Quảng Ninh Province"),
    ("24", "Tỉnh Bắc Ninh", "Bắc Ninh Province"),
    ("25", "Tỉnh Phú Thọ", "Phú Thọ Province"),
    ("31", "Thành phố Hải Phòng", "Hải Phòng City"),
    ("33", "Tỉnh Hưng Yên", "Hưng Yên Province"),
    ("37", "Tỉnh Ninh Bình", "Ninh Bình Province"),
    ("38", "Tỉnh Thanh Hóa", "Thanh Hóa Province"),
    ("40", "Tỉnh Nghệ An", "Nghệ An Province"),
    ("42", "Tỉnh Hà Tĩnh", "Hà Tĩnh Province"),
    ("44", "Tỉnh Quảng Trị", "Quảng Trị Province"),
    ("46", "Thành phố Huế", "Huế City"),
    ("48", "Thành phố Đà Nẵng", "Đà Nẵng City"),
    ("51", "Tỉnh Quảng Ngãi", "Quảng Ngãi Province"),
    ("52", "Tỉnh Gia Lai", "Gia Lai Province"),
    ("56", "Tỉnh Khánh Hòa", "Khánh Hòa Province"),
    ("66", "Tỉnh Đắk Lắk", "Đắk Lắk Province"),
    ("68", "Tỉnh Lâm Đồng", "Lâm Đồng Province"),
    ("75", "Tỉnh Đồng Nai", "Đồng Nai Province"),
    ("79", "Thành phố Hồ Chí Minh", "Hồ Chí Minh City"),
    ("80", "Tỉnh Tây Ninh", "Tây Ninh Province"),
    ("82", "Tỉnh Đồng Tháp", "Đồng Tháp Province"),
    ("86", "Tỉnh Vĩnh Long", "Vĩnh Long Province"),
    ("91", "Tỉnh An Giang", "An Giang Province"),
    ("92", "Thành phố Cần Thơ", "Cần Thơ City"),
    ("96", "Tỉnh Cà Mau", "Cà Mau Province"),
]
assert len(PROVINCES) == 34

CHOICES = {
    "yes_no": [("co", "Có", "Yes"), ("khong", "Không", "No")],
    "report_kind": [
        ("C", "Lần đầu (chính thức)", "Original"),
        ("B", "Bổ sung, thay thế", "Supplementary (replaces an earlier one)"),
    ],
    "recipient_agency": [
        ("ubnd_xa", "UBND cấp xã (cơ quan đăng ký kinh doanh cấp xã)",
         "Commune People's Committee (commune business registration body)"),
        ("so_tc", "Sở Tài chính", "Department of Finance"),
        ("so_khcn", "Sở Khoa học và Công nghệ",
         "Department of Science and Technology"),
        ("so_nnmt", "Sở Nông nghiệp và Môi trường",
         "Department of Agriculture and Environment"),
        ("lmhtx", "Liên minh Hợp tác xã tỉnh",
         "Provincial Cooperative Alliance"),
        ("nhnn", "Ngân hàng Nhà nước (quỹ tín dụng nhân dân)",
         "State Bank of Vietnam (people's credit funds)"),
        ("khac", "Khác", "Other"),
    ],
    "org_type": [
        ("htx", "Hợp tác xã", "Cooperative"),
        ("lhhtx", "Liên hiệp hợp tác xã", "Union of cooperatives"),
        ("tht", "Tổ hợp tác", "Cooperative group"),
        ("qtdnd", "Quỹ tín dụng nhân dân", "People's credit fund"),
    ],
    "provinces": PROVINCES,
    "sector_main": [
        ("nlts", "Nông, lâm nghiệp, thủy sản",
         "Agriculture, forestry, fisheries"),
        ("cn_ttcn", "Công nghiệp, tiểu thủ công nghiệp",
         "Industry, handicrafts"),
        ("xd", "Xây dựng", "Construction"),
        ("tmdv", "Thương mại, dịch vụ tổng hợp", "Trade, general services"),
        ("vt", "Vận tải", "Transport"),
        ("dlcd", "Du lịch cộng đồng", "Community tourism"),
        ("mt_ns", "Môi trường, nước sạch", "Environment, clean water"),
        ("tindung", "Tín dụng", "Credit"),
        ("khac", "Khác", "Other"),
    ],
    "agri_subtype": [
        ("trong_trot", "Trồng trọt", "Crop farming"),
        ("chan_nuoi", "Chăn nuôi", "Livestock"),
        ("lam_nghiep", "Lâm nghiệp", "Forestry"),
        ("thuy_san", "Thủy sản", "Fisheries and aquaculture"),
        ("diem_nghiep", "Diêm nghiệp", "Salt making"),
        ("nuoc_sach", "Nước sạch nông thôn", "Rural clean water"),
        ("tong_hop", "Nông nghiệp tổng hợp (từ 2 lĩnh vực trở lên)",
         "Mixed agriculture (two or more of the above)"),
    ],
    "governance_model": [
        ("day_du", "Đầy đủ (Đại hội thành viên, Hội đồng quản trị, Giám đốc, "
         "Ban kiểm soát)", "Full (general assembly, board, director, "
         "control board)"),
        ("rut_gon", "Rút gọn (Đại hội thành viên, Giám đốc, Kiểm soát viên)",
         "Simplified (general assembly, director, controller)"),
    ],
    "size_class": [
        ("sieu_nho", "Siêu nhỏ", "Micro"),
        ("nho", "Nhỏ", "Small"),
        ("vua", "Vừa", "Medium"),
        ("lon", "Lớn", "Large"),
    ],
    "difficult_area": [
        ("khong", "Không", "No"),
        ("kho_khan", "Địa bàn có điều kiện kinh tế - xã hội khó khăn",
         "Socio-economically difficult area"),
        ("dac_biet_kho_khan",
         "Địa bàn có điều kiện kinh tế - xã hội đặc biệt khó khăn",
         "Socio-economically extremely difficult area"),
    ],
    "sign_method": [
        ("in_ky_dong_dau", "In, ký tên và đóng dấu",
         "Printed, signed and stamped"),
        ("ky_so", "Ký số (chữ ký số)", "Digital signature"),
    ],
}


def period_choices(types):
    keep = [t for t, _ in types]
    return [c for c in PERIOD_TYPES if c[0] in keep]


# --- rows -------------------------------------------------------------------

def period_rows(form_code, form_version, default_type=None):
    """Form code and version, the period, the data window, the report kind."""
    return [
        section("grp_period", "Biểu mẫu và kỳ báo cáo",
                "Form and reporting period"),
        q("calculate", "form_code", "Mã biểu mẫu", "Form code",
          calculate="'%s'" % form_code),
        q("calculate", "form_version", "Phiên bản biểu mẫu", "Form version",
          calculate="'%s'" % form_version),
        q("integer", "report_year", "Năm báo cáo", "Reporting year",
          hint=("Năm kết thúc kỳ số liệu", "The year in which the data "
                "period ends"),
          required=True, rmsg=REQ,
          first_load="format-date(today(), '%Y')",
          constraint=". >= 2024 and . <= format-date(today(), '%Y')",
          cmsg=("Năm báo cáo phải từ 2024 đến năm hiện tại",
                "The reporting year must be between 2024 and the current "
                "year"),
          on_change=[("data_from", cal_date("from")),
                     ("data_to", cal_date("to"))]),
        q("select_one period_types", "period_type", "Loại kỳ báo cáo",
          "Period type", required=True, rmsg=REQ, default=default_type,
          on_change=[("period_no", "if(/data/period_type = 'nam', 1, '')"),
                     ("data_from", cal_date("from")),
                     ("data_to", cal_date("to"))]),
        q("integer", "period_no", "Kỳ số", "Period number",
          hint=("Quý: 1 đến 4; 6 tháng: 1 (đầu năm) hoặc 2 (cuối năm); "
                "năm: 1", "Quarter: 1 to 4; half-year: 1 (first) or 2 "
                "(second); year: 1"),
          default="1" if default_type == "nam" else None,
          required=True, rmsg=REQ, readonly="${period_type} = 'nam'",
          constraint=". >= 1 and . <= count(instance('coop-calendar')/root/"
                     "item[period_type = /data/period_type])",
          cmsg=("Kỳ số không có trong lịch báo cáo của loại kỳ đã chọn",
                "This period number does not exist for the chosen period "
                "type"),
          on_change=[("data_from", cal_date("from")),
                     ("data_to", cal_date("to"))]),
        q("calculate", "period_from", "Ngày đầu kỳ theo lịch",
          "Calendar start of the data period", type="date",
          calculate=cal_date("from")),
        q("calculate", "period_to", "Ngày cuối kỳ theo lịch",
          "Calendar end of the data period", type="date",
          calculate=cal_date("to")),
        q("calculate", "period_deadline", "Hạn nộp báo cáo",
          "Reporting deadline", type="date",
          calculate=cal_date("deadline")),
        q("note", "period_note",
          "Kỳ số liệu theo lịch: từ ${period_from} đến ${period_to}; hạn "
          "nộp: ${period_deadline}",
          "Data period by the calendar: ${period_from} to ${period_to}; "
          "deadline: ${period_deadline}",
          relevant="${period_from} != ''"),
        q("date", "data_from", "Số liệu từ ngày", "Data from",
          hint=("Tự tính theo kỳ báo cáo; chỉ sửa khi có lý do",
                "Computed from the period; change it only for a reason"),
          required=True, rmsg=REQ, first_load=cal_date("from"),
          warning="${period_from} = '' or . = ${period_from}",
          wmsg=("Ngày đầu kỳ khác với lịch báo cáo (${period_from})",
                "The start date differs from the reporting calendar "
                "(${period_from})")),
        q("date", "data_to", "Số liệu đến ngày", "Data to",
          hint=("Tự tính theo kỳ báo cáo; chỉ sửa khi có lý do",
                "Computed from the period; change it only for a reason"),
          required=True, rmsg=REQ, first_load=cal_date("to"),
          constraint=". > ${data_from}",
          cmsg=("Ngày cuối kỳ phải sau ngày đầu kỳ",
                "The end date must be after the start date"),
          warning="(${period_to} = '' or . = ${period_to}) and . <= today()",
          wmsg=("Ngày cuối kỳ khác với lịch báo cáo (${period_to}) hoặc "
                "kỳ báo cáo chưa kết thúc",
                "The end date differs from the reporting calendar "
                "(${period_to}) or the period has not ended yet")),
        q("select_one report_kind", "report_kind", "Loại báo cáo",
          "Report kind", required=True, rmsg=REQ, default="C"),
        q("integer", "amendment_no", "Lần bổ sung thứ", "Amendment number",
          relevant="${report_kind} = 'B'", required=True, rmsg=REQ,
          constraint=". >= 1",
          cmsg=("Lần bổ sung phải từ 1 trở lên",
                "The amendment number must be 1 or more")),
        q("text", "amendment_reason", "Lý do bổ sung, điều chỉnh",
          "Reason for amendment", relevant="${report_kind} = 'B'",
          required=True, rmsg=REQ, appearance="multiline",
          constraint="string-length(.) <= 1000",
          cmsg=("Lý do không quá 1000 ký tự",
                "The reason must not exceed 1000 characters")),
        q("select_one recipient_agency", "recipient_agency",
          "Cơ quan nhận báo cáo", "Receiving agency", required=True,
          rmsg=REQ),
        end(),
    ]


def identity_rows(members):
    """The organisation block of domain.md 3.1.  members: the field with
    the official member count (used by the governance rule)."""
    return [
        section("grp_identity", "Thông tin tổ chức", "Organisation"),
        q("text", "org_name", "Tên tổ chức (in hoa)", "Organisation name",
          hint=("Ghi bằng chữ in hoa như trên giấy chứng nhận đăng ký",
                "In capitals, as on the registration certificate"),
          required=True, rmsg=REQ,
          constraint="string-length(.) <= 255",
          cmsg=("Tên không quá 255 ký tự",
                "The name must not exceed 255 characters"),
          warning=". = " + upper_case("."),
          wmsg=("Tên tổ chức nên viết bằng chữ in hoa",
                "The organisation name should be in capitals")),
        q("text", "tax_code", "Mã số hợp tác xã / mã số thuế",
          "Cooperative code / tax code",
          hint=("10 chữ số; đơn vị phụ thuộc: 10 chữ số, gạch ngang, 3 chữ số",
                "10 digits; a dependent unit: 10 digits, a hyphen, 3 digits"),
          required=True, rmsg=REQ,
          constraint=tax_constraint(), cmsg=TAX_CMSG,
          warning=tax_warning(), wmsg=TAX_WMSG),
        q("select_one org_type", "org_type", "Loại hình tổ chức",
          "Organisation type", required=True, rmsg=REQ),
        q("date", "reg_date", "Ngày đăng ký lần đầu",
          "First registration date", required=True, rmsg=REQ,
          constraint=". <= today()",
          cmsg=("Ngày đăng ký không được sau ngày hôm nay",
                "The registration date cannot be in the future")),
        q("select_one provinces", "province_code", "Tỉnh/thành phố",
          "Province/city", required=True, rmsg=REQ,
          hint=("Theo đơn vị hành chính từ ngày 01/7/2025",
                "Administrative units from 1 July 2025"),
          on_change=[("commune_code", "''")]),
        q("select_one communes", "commune_code", "Xã/phường/đặc khu",
          "Commune/ward/special zone", required=True, rmsg=REQ,
          hint=("Nếu không có trong danh sách, chọn \"Khác\" và ghi tên",
                "If it is not listed, choose \"Other\" and write its name"),
          itemset=("instance('communes')/root/item[province = "
                   "/data/province_code or province = '*']", "label")),
        q("text", "commune_other", "Tên xã/phường/đặc khu (nếu chọn Khác)",
          "Name of the commune/ward (when Other was chosen)",
          relevant="${commune_code} = 'khac'", required=True, rmsg=REQ),
        q("text", "address", "Địa chỉ trụ sở chính", "Head-office address",
          required=True, rmsg=REQ),
        q("text", "phone", "Điện thoại", "Phone", **PHONE),
        q("text", "email", "Thư điện tử", "E-mail",
          constraint="regex(., '^[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+"
                     "\\.[A-Za-z]{2,}$')",
          cmsg=("Địa chỉ thư điện tử không đúng dạng",
                "This is not a valid e-mail address")),
        q("select_one sector_main", "sector_main",
          "Lĩnh vực hoạt động chính", "Main sector", required=True,
          rmsg=REQ,
          constraint="${org_type} != 'qtdnd' or . = 'tindung'",
          cmsg=("Quỹ tín dụng nhân dân phải chọn lĩnh vực Tín dụng",
                "A people's credit fund must choose the sector Credit")),
        q("select_one agri_subtype", "agri_subtype",
          "Loại hợp tác xã nông nghiệp", "Agricultural cooperative type",
          relevant="${sector_main} = 'nlts'", required=True, rmsg=REQ),
        q("text", "vsic_codes", "Ngành nghề kinh doanh (mã VSIC cấp 4)",
          "Business lines (level-4 VSIC codes)",
          hint=("Các mã 4 chữ số, cách nhau bằng dấu cách, ví dụ: 0111 0118",
                "4-digit codes separated by spaces, e.g. 0111 0118"),
          constraint="regex(., '^[0-9]{4}( [0-9]{4})*$')",
          cmsg=("Mỗi mã VSIC gồm 4 chữ số, các mã cách nhau bằng một dấu "
                "cách", "Each VSIC code has 4 digits, separated by one "
                "space")),
        q("select_one size_class", "size_class", "Quy mô", "Size class",
          hint=("Theo Điều 16 Luật Hợp tác xã 2023",
                "Per Art. 16 of the Law on Cooperatives 2023"),
          relevant="${org_type} != 'tht'", required=True, rmsg=REQ),
        q("select_one governance_model", "governance_model",
          "Mô hình tổ chức quản trị", "Governance model",
          relevant="${org_type} != 'tht'", required=True, rmsg=REQ,
          constraint=". != 'rut_gon' or ${size_class} = 'sieu_nho' or "
                     "(${org_type} = 'lhhtx' and ${%s} < 10)" % members,
          cmsg=("Mô hình rút gọn chỉ áp dụng cho hợp tác xã quy mô siêu nhỏ "
                "hoặc liên hiệp có dưới 10 thành viên (Điều 56)",
                "The simplified model is only for micro cooperatives or "
                "unions with fewer than 10 members (Art. 56)")),
        q("select_one yes_no", "flag_ethnic_mountain",
          "Thuộc vùng đồng bào dân tộc thiểu số và miền núi",
          "In an ethnic-minority and mountainous area", required=True,
          rmsg=REQ),
        q("select_one difficult_area", "flag_difficult_area",
          "Địa bàn có điều kiện kinh tế - xã hội khó khăn",
          "Socio-economically difficult area", required=True, rmsg=REQ),
        q("text", "legal_rep_name", "Người đại diện theo pháp luật",
          "Legal representative", required=True, rmsg=REQ,
          on_change=[("signer_name",
                      "if(/data/signer_name = '', /data/legal_rep_name, "
                      "/data/signer_name)")]),
        q("text", "legal_rep_title", "Chức danh người đại diện",
          "Title of the legal representative", required=True, rmsg=REQ,
          on_change=[("signer_title",
                      "if(/data/signer_title = '', /data/legal_rep_title, "
                      "/data/signer_title)")]),
        end(),
    ]


def attestation_rows(key, vi, en):
    """Section J of form a, section F of form b."""
    return [
        section(key, vi, en),
        q("text", "preparer_name", "Người lập biểu", "Prepared by",
          required=True, rmsg=REQ),
        q("text", "preparer_phone", "Điện thoại người lập biểu",
          "Phone of the preparer", required=True, rmsg=REQ, **PHONE),
        q("text", "signer_name", "Người đại diện ký", "Signed by",
          hint=("Mặc định là người đại diện theo pháp luật",
                "By default the legal representative"),
          required=True, rmsg=REQ),
        q("text", "signer_title", "Chức danh người ký", "Title of the signer",
          required=True, rmsg=REQ),
        q("date", "sign_date", "Ngày ký", "Signing date", required=True,
          rmsg=REQ, first_load="today()",
          constraint=". <= today() and decimal-date-time(.) >= "
                     "decimal-date-time(${data_to}) - 30",
          cmsg=("Ngày ký không được sau hôm nay và không sớm hơn 30 ngày "
                "trước ngày cuối kỳ số liệu",
                "The signing date cannot be in the future nor more than 30 "
                "days before the end of the data period")),
        q("select_one sign_method", "sign_method", "Hình thức xác thực",
          "Authentication", required=True, rmsg=REQ),
        q("file", "signed_scan", "Bản quét báo cáo đã ký (không bắt buộc)",
          "Scan of the signed report (optional)",
          hint=("Tệp PDF của bản in đã ký, đóng dấu",
                "A PDF of the signed and stamped printout"),
          relevant="${sign_method} = 'in_ky_dong_dau'"),
        q("trigger", "attest_confirm",
          "Tôi xác nhận các thông tin trong báo cáo là trung thực, chính xác",
          "I confirm that the information in this report is true and "
          "accurate", required=True,
          rmsg=("Cần xác nhận trước khi hoàn tất báo cáo",
                "Confirm before finalising the report")),
        end(),
    ]


def instance_name(form_code):
    return ("concat('%s', ' ', ${tax_code}, ' ', ${report_year}, '-', "
            "${period_type}, ${period_no})" % form_code)
