"""htx_cds_01.py: form (a), the periodic report on science, technology and
digital transformation HTX-CDS-01, with the indicative DBI-1970-lite score.

Sections A-J of domain.md 3.2 after the shared period and identity blocks.
The scoring table (items per pillar, weights, pillar maxima, level
thresholds) is the media file htx-cds-01-media/dbi-1970-lite.xml, written
from DBI_* below and read by the calculates with instance('dbi-1970-lite').
"""

import common
from common import NONNEG, PCT, REQ, min_members, pct_band, exclusive, \
    tax_constraint, tax_warning, TAX_CMSG, TAX_WMSG
from xform import Form, q, section, repeat, end
from xml.sax.saxutils import escape

FORM_ID = "htx-cds-01"
FORM_CODE = "HTX-CDS-01"
VERSION = "1.1.0"
TITLE = ("Báo cáo định kỳ tình hình ứng dụng khoa học, công nghệ và chuyển "
         "đổi số")
PERIODS = [("nam", "yes"), ("6thang", "yes")]

DISCLAIMER = ("Tự đánh giá tham khảo – không thay thế đánh giá chính thức",
              "Indicative self-assessment – does not replace an official "
              "assessment")

# --- the scoring table ------------------------------------------------------

DBI_PILLARS = [
    (1, 65, "Trải nghiệm số cho khách hàng", "Customer digital experience"),
    (2, 25, "Chiến lược chuyển đổi số", "Digital strategy"),
    (3, 80, "Hạ tầng và công nghệ số", "Digital infrastructure and "
     "technology"),
    (4, 65, "Vận hành", "Operations"),
    (5, 50, "Chuyển đổi số văn hóa doanh nghiệp", "Digital culture"),
    (6, 35, "Dữ liệu và tài sản thông tin", "Data and information assets"),
]

# item id, pillar, weight, vi, en
DBI_ITEMS = [
    ("i01", 1, 1, "Tần suất cập nhật trang thông tin điện tử",
     "Website update frequency"),
    ("i02", 1, 1, "Thời gian phản hồi khách hàng trên mạng xã hội",
     "Response time on social networks"),
    ("i03", 1, 1, "Tham gia sàn thương mại điện tử",
     "Use of e-commerce platforms"),
    ("i04", 1, 1, "Tỷ lệ doanh thu trực tuyến", "Online revenue share"),
    ("i05", 1, 1, "Tần suất cập nhật danh mục sản phẩm trực tuyến",
     "Online catalogue update frequency"),
    ("i06", 2, 1, "Kế hoạch chuyển đổi số", "Digital transformation plan"),
    ("i07", 3, 1, "Internet băng rộng cố định", "Fixed broadband"),
    ("i08", 3, 1, "Hóa đơn điện tử, hồ sơ điện tử",
     "E-invoices and e-records"),
    ("i09", 3, 1, "Điện toán đám mây", "Cloud computing"),
    ("i10", 3, 1, "Tích hợp phần mềm quản lý",
     "Integration of management software"),
    ("i11", 3, 1, "IoT, tự động hóa (quỹ tín dụng: hệ thống ngân hàng lõi)",
     "IoT, automation (credit funds: core banking)"),
    ("i12", 3, 1, "Định danh sản phẩm tự động QR/RFID (quỹ tín dụng: ngân "
     "hàng số)", "Automatic product identification QR/RFID (credit funds: "
     "digital banking)"),
    ("i13", 4, 1, "Biện pháp an toàn thông tin", "Security measures"),
    ("i14", 4, 1, "Tỷ lệ lao động, thành viên được tập huấn kỹ năng số",
     "Digital training coverage"),
    ("i15", 5, 1, "Tỷ lệ lao động dùng thiết bị số",
     "Workers using digital devices"),
    ("i16", 5, 1, "Thư điện tử theo tên miền riêng",
     "E-mail on an own domain"),
    ("i17", 5, 1, "Sở hữu trí tuệ, đổi mới sáng tạo",
     "Intellectual property, innovation"),
    ("i18", 6, 1, "Tỷ lệ dữ liệu thành viên, vùng sản xuất được số hóa",
     "Member and farm data digitised"),
    ("i19", 6, 1, "Sử dụng dữ liệu để ra quyết định",
     "Use of data for decisions"),
]

# level, pillar % above, total above, pillars needed, at pillar level, vi, en
DBI_LEVELS = [
    (1, 10, 20, 4, 1, "Khởi động", "Starting"),
    (2, 20, 64, 4, 2, "Bắt đầu", "Beginning"),
    (3, 40, 128, 4, 3, "Hình thành", "Forming"),
    (4, 60, 192, 5, 4, "Nâng cao", "Advanced"),
    (5, 80, 256, 6, 5, "Dẫn dắt", "Leading"),
]


def dbi_table_xml():
    x = ['<?xml version="1.0" encoding="UTF-8"?>', "<!--",
         "  dbi-1970-lite.xml: the scoring table of the indicative DX "
         "maturity score",
         "  of form htx-cds-01 (forms/README.md, \"The score\").  Generated "
         "by",
         "  forms/src/gen.py from forms/src/htx_cds_01.py.  Replace this file "
         "(same",
         "  element names) to change items per pillar, weights, pillar maxima "
         "or",
         "  level thresholds without changing the form.", "-->", "<root>",
         "  <table>", "    <id>dbi-1970-lite</id>", "    <version>1</version>",
         "    <basis>QĐ 1970/QĐ-BTTTT ngày 13/12/2021, bộ chỉ số DBI cho "
         "doanh nghiệp nhỏ và vừa (rút gọn)</basis>",
         "    <item_max>5</item_max>", "  </table>"]
    for no, mx, vi, en in DBI_PILLARS:
        x += ["  <pillar>", "    <no>%d</no>" % no, "    <max>%d</max>" % mx,
              "    <label_vi>%s</label_vi>" % escape(vi),
              "    <label_en>%s</label_en>" % escape(en), "  </pillar>"]
    for iid, p, w, vi, en in DBI_ITEMS:
        x += ["  <item>", "    <id>%s</id>" % iid,
              "    <pillar>%d</pillar>" % p,
              "    <weight>%d</weight>" % w,
              "    <label_vi>%s</label_vi>" % escape(vi),
              "    <label_en>%s</label_en>" % escape(en), "  </item>"]
    for lv, pct, tot, n, at, vi, en in DBI_LEVELS:
        x += ["  <level>", "    <no>%d</no>" % lv,
              "    <pillar_pct_above>%d</pillar_pct_above>" % pct,
              "    <total_above>%d</total_above>" % tot,
              "    <pillars_needed>%d</pillars_needed>" % n,
              "    <pillar_level_needed>%d</pillar_level_needed>" % at,
              "    <label_vi>%s</label_vi>" % escape(vi),
              "    <label_en>%s</label_en>" % escape(en), "  </level>"]
    x.append("</root>")
    return "\n".join(x) + "\n"


TBL = "instance('dbi-1970-lite')/root"

# The table is read once per report: each value the score uses is a
# calculate that reads only the table, so the engine computes it when the
# report is created and the sums below read fields, not the table.  A new
# table (same element names) still changes the score without a form change.
LEVEL_COLS = [
    ("pillar_pct_above", "Ngưỡng tỷ lệ trụ cột (%%) của mức %d",
     "Pillar percentage above which level %d starts"),
    ("total_above", "Ngưỡng tổng điểm của mức %d",
     "Total points above which level %d starts"),
    ("pillars_needed", "Số trụ cột cần đạt của mức %d",
     "Pillars needed for level %d"),
    ("pillar_level_needed", "Mức trụ cột cần đạt của mức %d",
     "Pillar level needed for level %d"),
]


def table_rows():
    """The constants read from the table, one calculate each."""
    r = []
    for iid, _, _, vi, en in DBI_ITEMS:
        for col, cvi, cen in (("weight", "Trọng số", "Weight"),
                              ("pillar", "Trụ cột", "Pillar")):
            r.append(q("calculate", "dbi_%s_%s" % (iid, col),
                       "%s: %s" % (cvi, vi), "%s: %s" % (cen, en),
                       type="decimal",
                       calculate="%s/item[id = '%s']/%s" % (TBL, iid, col)))
    for p, _, vi, en in DBI_PILLARS:
        r.append(q("calculate", "dbi_p%d_max" % p,
                   "Điểm tối đa trụ cột %d: %s" % (p, vi),
                   "Maximum points of pillar %d: %s" % (p, en),
                   type="decimal",
                   calculate="%s/pillar[no = %d]/max" % (TBL, p)))
    for lv, *_ in DBI_LEVELS:
        for col, cvi, cen in LEVEL_COLS:
            r.append(q("calculate", "dbi_l%d_%s" % (lv, col), cvi % lv,
                       cen % lv, type="decimal",
                       calculate="%s/level[no = %d]/%s" % (TBL, lv, col)))
    return r


def weighted_rows():
    """Each item's score times its weight, which all six sums read."""
    return [q("calculate", "dbi_%s_weighted" % iid,
              "Điểm có trọng số: %s" % vi, "Weighted score: %s" % en,
              type="decimal",
              calculate="${dbi_%s} * ${dbi_%s_weight}" % (iid, iid))
            for iid, _, _, vi, en in DBI_ITEMS]


def pillar_sum(p, with_score):
    terms = []
    for iid, _, _, _, _ in DBI_ITEMS:
        t = "(${dbi_%s_pillar} = %d)" % (iid, p)
        if with_score:
            t = "${dbi_%s_weighted} * %s" % (iid, t)
        else:
            t = "${dbi_%s_weight} * %s" % (iid, t)
        terms.append(t)
    return " + ".join(terms)


def level_cond(lv):
    at = "${dbi_l%d_pillar_level_needed}" % lv
    count = " + ".join("(${dbi_p%d_level} >= %s)" % (p, at)
                       for p, _, _, _ in DBI_PILLARS)
    return ("${dbi_total} > ${dbi_l%d_total_above} and (%s) >= "
            "${dbi_l%d_pillars_needed}" % (lv, count, lv))


def overall_level():
    e = "0"
    for lv, *_ in DBI_LEVELS:
        e = "if(%s, %d, %s)" % (level_cond(lv), lv, e)
    return e


def dbi_rows():
    r = table_rows() + weighted_rows()
    for p, _, vi, en in DBI_PILLARS:
        r.append(q("calculate", "dbi_p%d_raw" % p, "Điểm thô trụ cột %d" % p,
                   "Raw score of pillar %d" % p, type="decimal",
                   calculate=pillar_sum(p, True)))
        r.append(q("calculate", "dbi_p%d_den" % p,
                   "Điểm thô tối đa trụ cột %d" % p,
                   "Maximum raw score of pillar %d" % p, type="decimal",
                   calculate="5 * (%s)" % pillar_sum(p, False)))
        pct = "100 * ${dbi_p%d_raw} div ${dbi_p%d_den}" % (p, p)
        r.append(q("calculate", "dbi_p%d_pct" % p, "Tỷ lệ trụ cột %d (%%)" % p,
                   "Pillar %d (%%)" % p, type="decimal",
                   calculate="if(${dbi_p%d_den} > 0, round(%s, 2), 0)"
                   % (p, pct)))
        r.append(q("calculate", "dbi_p%d_points" % p,
                   "Điểm trụ cột %d: %s" % (p, vi),
                   "Points of pillar %d: %s" % (p, en), type="decimal",
                   calculate="if(${dbi_p%d_den} > 0, round(${dbi_p%d_raw} * "
                             "${dbi_p%d_max} div ${dbi_p%d_den}, 2), 0)"
                             % (p, p, p, p)))
        thresholds = " + ".join(
            "(%s > ${dbi_l%d_pillar_pct_above})" % (pct, lv)
            for lv, *_ in DBI_LEVELS)
        r.append(q("calculate", "dbi_p%d_level" % p, "Mức trụ cột %d" % p,
                   "Level of pillar %d" % p, type="int",
                   calculate="if(${dbi_p%d_den} > 0, %s, 0)"
                   % (p, thresholds)))
    r.append(q("calculate", "dbi_total", "Tổng điểm (0–320)",
               "Total points (0–320)", type="decimal",
               calculate="round(%s, 2)" % " + ".join(
                   "${dbi_p%d_points}" % p for p, *_ in DBI_PILLARS)))
    r.append(q("calculate", "dbi_level", "Mức độ chuyển đổi số (0–5)",
               "Digital maturity level (0–5)", type="int",
               calculate=overall_level()))
    r.append(q("note", "dbi_result",
               "%s. Tổng điểm: ${dbi_total}/320; mức ${dbi_level}/5. Điểm "
               "từng trụ cột: khách hàng ${dbi_p1_points}/65, chiến lược "
               "${dbi_p2_points}/25, hạ tầng ${dbi_p3_points}/80, vận hành "
               "${dbi_p4_points}/65, văn hóa ${dbi_p5_points}/50, dữ liệu "
               "${dbi_p6_points}/35" % DISCLAIMER[0],
               "%s. Total: ${dbi_total}/320; level ${dbi_level}/5. Pillars: "
               "customer ${dbi_p1_points}/65, strategy ${dbi_p2_points}/25, "
               "infrastructure ${dbi_p3_points}/80, operations "
               "${dbi_p4_points}/65, culture ${dbi_p5_points}/50, data "
               "${dbi_p6_points}/35" % DISCLAIMER[1]))
    return r


def levels(vi, en):
    return [(str(i), "%d – %s" % (i, a), "%d – %s" % (i, b))
            for i, (a, b) in enumerate(zip(vi, en))]


CHOICES = dict(common.CHOICES)
CHOICES.update({
    "period_types": common.period_choices(PERIODS),
    "dx_plan_status": [
        ("0", "Chưa có ý tưởng", "No idea yet"),
        ("1", "Có ý tưởng, bắt đầu xây dựng phương án",
         "Ideas, starting to plan"),
        ("2", "Có định hướng, triển khai một số hoạt động",
         "A direction, some activities"),
        ("3", "Đã xây dựng kế hoạch", "A plan has been drafted"),
        ("4", "Đã ban hành kế hoạch và triển khai",
         "A plan has been issued and is carried out"),
    ],
    "internet_speed": [
        ("duoi_50", "Dưới 50 Mbps", "Below 50 Mbps"),
        ("tu_50_80", "Từ 50 đến 80 Mbps", "50 to 80 Mbps"),
        ("tu_80_100", "Từ 80 đến 100 Mbps", "80 to 100 Mbps"),
        ("tu_100_120", "Từ 100 đến 120 Mbps", "100 to 120 Mbps"),
        ("tren_120", "Trên 120 Mbps", "Above 120 Mbps"),
    ],
    "email_own_domain": [
        ("khong", "Không", "No"),
        ("ten_mien_vn", "Có, tên miền quốc gia .vn", "Yes, a .vn domain"),
        ("ten_mien_quoc_te", "Có, tên miền quốc tế",
         "Yes, an international domain"),
    ],
    "yes_no_unknown": [
        ("co", "Có", "Yes"), ("khong", "Không", "No"),
        ("chua_biet", "Chưa biết", "Don't know"),
    ],
    "digital_signature": [
        ("khong", "Không", "No"),
        ("usb_token", "Có, thiết bị USB (token)", "Yes, a USB token"),
        ("ky_so_tu_xa", "Có, ký số từ xa", "Yes, remote signing"),
    ],
    "security_measures": [
        ("phan_mem_diet_virus", "Phần mềm diệt virus", "Antivirus software"),
        ("sao_luu_du_lieu", "Sao lưu dữ liệu định kỳ", "Regular backups"),
        ("tuong_lua", "Tường lửa", "Firewall"),
        ("phan_quyen_tai_khoan", "Phân quyền tài khoản",
         "Account permissions"),
        ("quy_che_bao_mat", "Quy chế bảo mật thông tin",
         "Information security rules"),
        ("khong_co", "Không có", "None"),
    ],
    "training_funding": [
        ("tu_co", "Tự có", "Own funds"),
        ("nsnn", "Ngân sách nhà nước", "State budget"),
        ("lmhtx", "Liên minh Hợp tác xã", "Cooperative Alliance"),
        ("doanh_nghiep", "Doanh nghiệp, đối tác", "Enterprises, partners"),
        ("quoc_te", "Tổ chức quốc tế", "International organisations"),
    ],
    "software_used": [
        ("ke_toan", "Kế toán", "Accounting"),
        ("quan_ly_thanh_vien", "Quản lý thành viên, hộ nông dân",
         "Members and farming households"),
        ("kho", "Kho, vật tư", "Stock, supplies"),
        ("ban_hang", "Bán hàng (POS)", "Sales (POS)"),
        ("nhan_su", "Nhân sự, tiền lương", "Staff, payroll"),
        ("nhat_ky_san_xuat", "Nhật ký sản xuất điện tử",
         "Electronic farm diary"),
        ("crm", "Quản lý khách hàng (CRM)", "Customer management (CRM)"),
        ("erp", "Quản trị tổng thể (ERP)", "Enterprise resource planning"),
        ("khong_co", "Không có", "None"),
    ],
    "software_integration": [
        ("0", "Không liên thông", "Not connected"),
        ("1", "Rời rạc, nhập liệu nhiều lần", "Separate, data keyed twice"),
        ("2", "Một số phần mềm chia sẻ dữ liệu", "Some share data"),
        ("3", "Liên thông toàn bộ", "Fully connected"),
    ],
    "online_gov_services": [
        ("khong", "Không", "Never"),
        ("tren_1_thang", "Ít hơn một lần mỗi tháng", "Less than monthly"),
        ("hang_thang", "Hằng tháng", "Monthly"),
        ("hang_tuan", "Hằng tuần", "Weekly"),
    ],
    "tech_applied": [
        ("giong_moi", "Giống mới", "New varieties or breeds"),
        ("quy_trinh_gap", "Quy trình thực hành nông nghiệp tốt (GAP)",
         "Good agricultural practice (GAP)"),
        ("nha_mang_nha_luoi", "Nhà màng, nhà lưới", "Greenhouses, net houses"),
        ("tuoi_tiet_kiem", "Tưới tiết kiệm, tưới tự động",
         "Water-saving or automatic irrigation"),
        ("iot_cam_bien", "IoT, cảm biến", "IoT, sensors"),
        ("thiet_bi_bay", "Thiết bị bay không người lái", "Drones"),
        ("gps_gis", "Bản đồ số GPS/GIS", "GPS/GIS digital maps"),
        ("co_gioi_hoa", "Cơ giới hóa", "Mechanisation"),
        ("tu_dong_hoa", "Tự động hóa", "Automation"),
        ("che_bien_sau", "Chế biến sâu", "Deep processing"),
        ("bao_quan_lanh", "Bảo quản lạnh", "Cold storage"),
        ("nang_luong_tai_tao", "Năng lượng tái tạo", "Renewable energy"),
        ("khac", "Khác", "Other"),
        ("khong_co", "Chưa áp dụng", "None"),
    ],
    "task_level": [
        ("quoc_gia", "Cấp quốc gia", "National"),
        ("tinh", "Cấp tỉnh", "Provincial"),
        ("co_so", "Cấp cơ sở", "Local"),
    ],
    "task_role": [
        ("chu_tri", "Chủ trì", "Lead"),
        ("phoi_hop", "Phối hợp", "Partner"),
    ],
    "task_status": [
        ("de_xuat", "Đề xuất", "Proposed"),
        ("dang_thuc_hien", "Đang thực hiện", "In progress"),
        ("da_nghiem_thu", "Đã nghiệm thu", "Completed and accepted"),
    ],
    "trace_platform": [
        ("cong_quoc_gia", "Cổng truy xuất nguồn gốc quốc gia",
         "National traceability portal"),
        ("cong_tinh", "Hệ thống truy xuất của tỉnh",
         "Provincial traceability system"),
        ("dich_vu_tu_nhan", "Dịch vụ của doanh nghiệp",
         "A commercial service"),
        ("tu_xay_dung", "Tự xây dựng", "Own system"),
    ],
    "cert_type": [
        ("vietgap", "VietGAP", "VietGAP"),
        ("globalgap", "GlobalGAP", "GlobalGAP"),
        ("huu_co_tcvn", "Hữu cơ theo TCVN", "Organic (Vietnamese standard)"),
        ("huu_co_quoc_te", "Hữu cơ quốc tế", "Organic (international)"),
        ("haccp", "HACCP", "HACCP"),
        ("iso22000", "ISO 22000", "ISO 22000"),
        ("iso9001", "ISO 9001", "ISO 9001"),
        ("fsc", "FSC", "FSC"),
        ("khac", "Khác", "Other"),
    ],
    "social_channels": [
        ("zalo_oa", "Zalo OA", "Zalo Official Account"),
        ("facebook", "Facebook", "Facebook"),
        ("tiktok", "TikTok", "TikTok"),
        ("youtube", "YouTube", "YouTube"),
        ("khac", "Khác", "Other"),
        ("khong_co", "Không có", "None"),
    ],
    "social_response": [
        ("tren_7_ngay", "Trên 7 ngày", "More than 7 days"),
        ("trong_tuan", "Trong vòng một tuần", "Within a week"),
        ("co_nguoi_phu_trach_trong_tuan",
         "Có người phụ trách, phản hồi trong tuần",
         "A person in charge answers within the week"),
        ("trong_4_gio", "Trong vòng 4 giờ", "Within 4 hours"),
        ("ngay_lap_tuc", "Ngay lập tức", "Immediately"),
    ],
    "ecommerce_platforms": [
        ("shopee", "Shopee", "Shopee"),
        ("lazada", "Lazada", "Lazada"),
        ("tiktok_shop", "TikTok Shop", "TikTok Shop"),
        ("tiki", "Tiki", "Tiki"),
        ("postmart", "Postmart", "Postmart"),
        ("voso", "Voso", "Voso"),
        ("san_ocop_tinh", "Sàn OCOP của tỉnh", "Provincial OCOP platform"),
        ("website_rieng", "Website bán hàng riêng", "Own web shop"),
        ("xuyen_bien_gioi", "Sàn thương mại điện tử xuyên biên giới",
         "Cross-border platform"),
        ("khac", "Khác", "Other"),
        ("khong_co", "Không tham gia", "None"),
    ],
    "link_type": [
        ("bao_tieu", "Bao tiêu sản phẩm", "Guaranteed purchase"),
        ("cung_ung_dau_vao", "Cung ứng đầu vào", "Input supply"),
        ("che_bien", "Chế biến", "Processing"),
        ("phan_phoi", "Phân phối", "Distribution"),
    ],
    "ocop_stars": [
        ("3", "3 sao", "3 stars"), ("4", "4 sao", "4 stars"),
        ("5", "5 sao", "5 stars"),
    ],
    "support_type": [
        ("tin_dung_uu_dai", "Tín dụng ưu đãi", "Preferential credit"),
        ("dao_tao", "Đào tạo, tập huấn", "Training"),
        ("thiet_bi_phan_mem", "Thiết bị, phần mềm", "Equipment, software"),
        ("website", "Xây dựng trang thông tin điện tử", "Website"),
        ("dua_len_san_tmdt", "Đưa sản phẩm lên sàn thương mại điện tử",
         "Listing on e-commerce platforms"),
        ("nhiem_vu_khcn", "Nhiệm vụ khoa học và công nghệ",
         "Science and technology task"),
        ("xuc_tien_thuong_mai", "Xúc tiến thương mại", "Trade promotion"),
        ("khac", "Khác", "Other"),
    ],
    "support_provider": [
        ("nsnn", "Ngân sách nhà nước", "State budget"),
        ("quy_htx", "Quỹ hỗ trợ phát triển hợp tác xã",
         "Cooperative development fund"),
        ("lmhtx", "Liên minh Hợp tác xã", "Cooperative Alliance"),
        ("doanh_nghiep", "Doanh nghiệp", "Enterprises"),
        ("quoc_te", "Tổ chức quốc tế", "International organisations"),
    ],
    "barriers": [
        ("chi_phi_dau_tu", "Chi phí đầu tư cao", "High investment cost"),
        ("thoi_quen", "Khó thay đổi thói quen", "Hard to change habits"),
        ("thieu_nhan_luc", "Thiếu nhân lực có kỹ năng số",
         "Lack of skilled staff"),
        ("thieu_ha_tang", "Thiếu hạ tầng", "Lack of infrastructure"),
        ("thieu_thong_tin", "Thiếu thông tin", "Lack of information"),
        ("kho_tich_hop", "Khó tích hợp các hệ thống",
         "Hard to integrate systems"),
        ("lanh_dao_chua_cam_ket", "Lãnh đạo chưa quyết tâm",
         "Leadership not committed"),
        ("nguoi_lao_dong_chua_cam_ket", "Người lao động chưa quyết tâm",
         "Workers not committed"),
        ("lo_lo_du_lieu", "Lo ngại lộ, lọt dữ liệu", "Fear of data leaks"),
        ("thieu_von", "Thiếu vốn", "Lack of capital"),
        ("song_yeu", "Sóng điện thoại, Internet yếu",
         "Weak mobile or internet signal"),
    ],
    # Section I: the self-assessed items, scored 0-5.
    "sa_website": levels(
        ["Không có trang thông tin điện tử", "Có nhưng hầu như không cập "
         "nhật", "Cập nhật vài lần một năm", "Cập nhật hằng quý",
         "Cập nhật hằng tháng", "Cập nhật hằng tuần trở lên"],
        ["No website", "A website that is hardly ever updated",
         "Updated a few times a year", "Updated quarterly",
         "Updated monthly", "Updated weekly or more often"]),
    "sa_marketplace": levels(
        ["Không tham gia", "Đã mở gian hàng nhưng chưa bán được",
         "Có bán nhưng không thường xuyên", "Bán thường xuyên trên một sàn",
         "Bán thường xuyên trên nhiều sàn",
         "Nhiều sàn, đơn hàng nối với quản lý kho"],
        ["None", "A shop is open but nothing sold yet",
         "Occasional sales", "Regular sales on one platform",
         "Regular sales on several platforms",
         "Several platforms, orders linked to stock management"]),
    "sa_catalogue": levels(
        ["Không có danh mục sản phẩm trực tuyến", "Có nhưng không cập nhật",
         "Cập nhật vài lần một năm", "Cập nhật hằng quý",
         "Cập nhật hằng tháng", "Cập nhật hằng tuần hoặc tự động"],
        ["No online catalogue", "A catalogue that is not updated",
         "Updated a few times a year", "Updated quarterly",
         "Updated monthly", "Updated weekly or automatically"]),
    "sa_einvoice": levels(
        ["Chưa dùng hóa đơn điện tử",
         "Hóa đơn điện tử cho một phần giao dịch",
         "Hóa đơn điện tử cho mọi giao dịch",
         "Thêm một phần hồ sơ, chứng từ lưu điện tử",
         "Phần lớn hồ sơ, chứng từ lưu điện tử",
         "Toàn bộ hồ sơ điện tử, nối với phần mềm kế toán"],
        ["No e-invoices", "E-invoices for some sales",
         "E-invoices for all sales", "Also some records kept electronically",
         "Most records kept electronically",
         "All records electronic, linked to the accounting software"]),
    "sa_cloud": levels(
        ["Không dùng", "Lưu trữ cá nhân (Google Drive, Zalo…)",
         "Kho lưu trữ dùng chung của tổ chức",
         "Một phần mềm quản lý chạy trên đám mây",
         "Nhiều phần mềm chạy trên đám mây",
         "Phần lớn hoạt động trên đám mây, sao lưu tự động"],
        ["Not used", "Personal storage (Google Drive, Zalo…)",
         "Shared storage for the organisation",
         "One management application in the cloud",
         "Several applications in the cloud",
         "Most work in the cloud, automatic backups"]),
    "sa_iot": levels(
        ["Không", "Đang thử nghiệm",
         "Một khâu có cảm biến hoặc thiết bị tự động",
         "Vài khâu, theo dõi qua điện thoại",
         "Phần lớn các khâu, có cảnh báo tự động",
         "Điều khiển tự động theo dữ liệu cả quy trình"],
        ["None", "Being tried out", "One step has sensors or automation",
         "Several steps, watched by phone",
         "Most steps, with automatic alerts",
         "Data-driven automatic control of the whole process"]),
    "sa_core_banking": levels(
        ["Ghi chép thủ công hoặc bảng tính", "Phần mềm kế toán riêng lẻ",
         "Phần mềm quản lý tín dụng cài tại chỗ",
         "Hệ thống lõi kết nối Ngân hàng Hợp tác xã",
         "Hệ thống lõi trực tuyến, báo cáo tự động",
         "Hệ thống lõi trực tuyến, liên thông ngân hàng số và báo cáo "
         "Ngân hàng Nhà nước"],
        ["Paper or spreadsheets", "A stand-alone accounting program",
         "Locally installed credit software",
         "A core system linked to the Co-operative Bank",
         "An online core system with automatic reports",
         "An online core system linked to digital banking and State Bank "
         "reporting"]),
    "sa_traceability": levels(
        ["Không", "Tem QR chỉ có thông tin giới thiệu",
         "Tem QR truy xuất cho một sản phẩm",
         "Tem QR truy xuất cho phần lớn sản phẩm",
         "Truy xuất theo lô, gắn nhật ký sản xuất điện tử",
         "Kết nối Cổng truy xuất nguồn gốc quốc gia, cập nhật tự động"],
        ["None", "QR labels with promotional information only",
         "QR trace labels for one product",
         "QR trace labels for most products",
         "Batch tracing linked to an electronic farm diary",
         "Linked to the national traceability portal, updated "
         "automatically"]),
    "sa_mobile_banking": levels(
        ["Không có", "Tin nhắn báo biến động số dư", "Tra cứu trực tuyến",
         "Chuyển tiền, thanh toán trực tuyến",
         "Gửi tiết kiệm, trả nợ vay trực tuyến",
         "Vay và mở tài khoản trực tuyến (eKYC)"],
        ["None", "Balance alerts by text message", "Online enquiries",
         "Online transfers and payments",
         "Online savings and loan repayments",
         "Online loans and account opening (eKYC)"]),
    "sa_email": levels(
        ["Không có tên miền riêng", "Có tên miền nhưng chưa dùng thư",
         "Chỉ lãnh đạo dùng", "Dưới một nửa người lao động dùng",
         "Phần lớn người lao động dùng",
         "Mọi người lao động dùng, có quy chế sử dụng"],
        ["No own domain", "A domain but no e-mail on it",
         "Only the managers use it", "Fewer than half of the workers",
         "Most workers", "All workers, with rules of use"]),
    "sa_innovation": levels(
        ["Không có hoạt động", "Có ý tưởng cải tiến, chưa thực hiện",
         "Đã cải tiến quy trình hoặc sản phẩm",
         "Đã đăng ký nhãn hiệu, chỉ dẫn địa lý hoặc tham gia nhiệm vụ "
         "khoa học và công nghệ",
         "Có văn bằng bảo hộ và sản phẩm mới",
         "Có sáng chế, giải pháp hữu ích hoặc hợp tác đổi mới thường xuyên"],
        ["Nothing", "Ideas for improvements, not carried out",
         "Processes or products improved",
         "A trademark or geographical indication registered, or a science "
         "and technology task",
         "Protection titles and new products",
         "Patents or utility solutions, or regular joint innovation"]),
    "sa_data": levels(
        ["Không", "Thỉnh thoảng tổng hợp số liệu bằng tay",
         "Báo cáo định kỳ từ phần mềm",
         "Báo cáo tự động, dùng trong họp điều hành",
         "Bảng điều khiển (dashboard) theo dõi thường xuyên",
         "Phân tích, dự báo hỗ trợ ra quyết định"],
        ["No", "Figures compiled by hand now and then",
         "Periodic reports from software",
         "Automatic reports used in management meetings",
         "Dashboards watched regularly",
         "Analysis and forecasts support decisions"]),
})

NOT_QTDND = "${org_type} != 'qtdnd'"
SOFT_N = ("count-selected(${software_used}) - "
          "selected(${software_used}, 'khong_co')")


def mapping(ref, pairs, default="0"):
    e = default
    for value, score in reversed(pairs):
        e = "if(%s = '%s', %d, %s)" % (ref, value, score, e)
    return e


def sa(name, lst, vi, en, **kw):
    return q("select_one " + lst, name, vi, en, required=True, rmsg=REQ,
             **kw)


def rows():
    r = common.period_rows(FORM_CODE, VERSION)
    r += common.identity_rows("members_total")
    r += [
        section("sec_a", "A. Tổ chức và nhân lực cho chuyển đổi số",
                "A. Organisation and people for digital transformation"),
        q("select_one dx_plan_status", "dx_plan_status",
          "Mức độ xây dựng kế hoạch chuyển đổi số",
          "Digital transformation plan status", required=True, rmsg=REQ),
        q("select_one yes_no", "dx_lead_assigned",
          "Có người hoặc bộ phận phụ trách chuyển đổi số",
          "A person or unit is in charge of digital transformation",
          required=True, rmsg=REQ),
        q("integer", "staff_total", "Tổng số lao động", "Total workers",
          required=True, rmsg=REQ, **NONNEG),
        q("integer", "it_staff", "Lao động có chuyên môn công nghệ thông tin",
          "IT-qualified workers", required=True, rmsg=REQ,
          constraint=". >= 0 and . <= ${staff_total}",
          cmsg=("Không được lớn hơn tổng số lao động",
                "Cannot exceed the total workers")),
        q("integer", "members_total", "Tổng số thành viên chính thức",
          "Official members",
          hint=("Liên hiệp hợp tác xã: số hợp tác xã thành viên",
                "A union: the number of member cooperatives"),
          required=True, rmsg=REQ, **min_members("members_total")),
        q("integer", "staff_trained_digital",
          "Lao động được tập huấn kỹ năng số trong kỳ",
          "Workers trained in digital skills in the period", required=True,
          rmsg=REQ,
          constraint=". >= 0 and . <= ${staff_total}",
          cmsg=("Không được lớn hơn tổng số lao động",
                "Cannot exceed the total workers")),
        q("integer", "members_trained_digital",
          "Thành viên được tập huấn kỹ năng số trong kỳ",
          "Members trained in digital skills in the period", required=True,
          rmsg=REQ,
          constraint=". >= 0 and . <= ${members_total}",
          cmsg=("Không được lớn hơn số thành viên chính thức",
                "Cannot exceed the official members")),
        q("integer", "training_courses", "Số lớp, đợt tập huấn",
          "Training sessions",
          constraint=". >= 0 and (. = 0 or ${staff_trained_digital} + "
                     "${members_trained_digital} > 0)",
          cmsg=("Có lớp tập huấn thì phải có người được tập huấn",
                "Training sessions need trained workers or members")),
        q("select_multiple training_funding", "training_funding",
          "Nguồn kinh phí tập huấn", "Training funding",
          relevant="${training_courses} > 0", required=True, rmsg=REQ),
        end(),

        section("sec_b", "B. Hạ tầng số", "B. Digital infrastructure"),
        q("select_one yes_no", "internet_fixed",
          "Có Internet băng rộng cố định", "Fixed broadband",
          required=True, rmsg=REQ),
        q("select_one internet_speed", "internet_speed",
          "Tốc độ đường truyền", "Broadband speed",
          relevant="${internet_fixed} = 'co'", required=True, rmsg=REQ),
        q("integer", "devices_computers", "Số máy tính dùng cho công việc",
          "Work computers", required=True, rmsg=REQ, **NONNEG),
        q("decimal", "staff_using_smart_devices_pct",
          "Tỷ lệ lao động dùng máy tính, điện thoại thông minh cho công "
          "việc (%)", "Workers using a computer or smartphone for work (%)",
          required=True, rmsg=REQ, **PCT),
        q("text", "website_url", "Địa chỉ trang thông tin điện tử",
          "Website address",
          hint=("Ví dụ: https://htxvidu.vn; để trống nếu chưa có",
                "For example https://htxvidu.vn; empty if none"),
          constraint="regex(., '^(https?://)?[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)+"
                     "(/[^ ]*)?$')",
          cmsg=("Địa chỉ trang thông tin điện tử không đúng dạng",
                "This is not a valid website address")),
        q("calculate", "website_on_vn", "Website dùng tên miền .vn",
          "Website on a .vn domain",
          calculate="if(${website_url} = '', '', if(ends-with("
                    "substring-before(concat(if(contains(${website_url}, "
                    "'//'), substring-after(${website_url}, '//'), "
                    "${website_url}), '/'), '/'), '.vn'), 'co', 'khong'))"),
        q("select_one email_own_domain", "email_own_domain",
          "Thư điện tử theo tên miền riêng", "E-mail on an own domain",
          required=True, rmsg=REQ),
        q("select_one yes_no_unknown", "connected_national_portal",
          "Trang thông tin đã kết nối Hệ thống thông tin quốc gia về hợp "
          "tác xã", "Website linked to the national cooperative system",
          relevant="${website_url} != ''"),
        q("select_one yes_no", "e_invoice", "Sử dụng hóa đơn điện tử",
          "Uses e-invoices", required=True, rmsg=REQ,
          warning=". = 'co' or ${org_type} = 'tht'",
          wmsg=("Hợp tác xã, liên hiệp hợp tác xã phải dùng hóa đơn điện tử",
                "Cooperatives and unions must use e-invoices")),
        q("select_one digital_signature", "digital_signature",
          "Có chữ ký số", "Has a digital signature", required=True,
          rmsg=REQ),
        q("select_one yes_no", "cloud_services",
          "Sử dụng dịch vụ điện toán đám mây", "Uses cloud services"),
        q("select_multiple security_measures", "security_measures",
          "Biện pháp an toàn thông tin", "Security measures",
          **exclusive("khong_co")),
        end(),

        section("sec_c", "C. Quản trị số", "C. Digital management"),
        q("select_multiple software_used", "software_used",
          "Phần mềm quản lý đang sử dụng", "Management software in use",
          required=True, rmsg=REQ, **exclusive("khong_co")),
        q("select_one software_integration", "software_integration",
          "Mức độ liên thông giữa các phần mềm",
          "Integration between the programs",
          relevant="%s >= 2" % SOFT_N, required=True, rmsg=REQ),
        q("decimal", "member_records_digital_pct",
          "Tỷ lệ hồ sơ thành viên được số hóa (%)",
          "Member records digitised (%)", **PCT),
        q("decimal", "mgmt_cost_change_pct",
          "Thay đổi chi phí quản lý nhờ ứng dụng phần mềm (%)",
          "Change in management cost due to software (%)",
          hint=("Giảm thì ghi số âm, ví dụ -20", "A fall is negative, e.g. "
                "-20"),
          constraint=". >= -100 and . <= 100",
          cmsg=("Phải từ -100 đến 100", "Must be -100 to 100")),
        q("decimal", "noncash_share_pct",
          "Tỷ lệ giao dịch thanh toán không dùng tiền mặt (%)",
          "Non-cash payment share (%)", **PCT),
        q("select_one online_gov_services", "online_gov_services",
          "Tần suất giao dịch điện tử với cơ quan nhà nước",
          "E-government transactions"),
        end(),

        section("sec_d", "D. Ứng dụng khoa học và công nghệ trong sản xuất, "
                "kinh doanh", "D. Science and technology in production and "
                "business", relevant=NOT_QTDND),
        q("select_multiple tech_applied", "tech_applied",
          "Công nghệ, tiến bộ kỹ thuật đã áp dụng", "Technologies applied",
          required=True, rmsg=REQ, **exclusive("khong_co")),
        q("decimal", "land_area_ha",
          "Diện tích sản xuất do hợp tác xã quản lý, liên kết (ha)",
          "Production area managed or linked (ha)",
          relevant="${sector_main} = 'nlts'", required=True, rmsg=REQ,
          **NONNEG),
        q("decimal", "gps_mapped_area_ha",
          "Diện tích đã lập bản đồ số GPS (ha)", "GPS-mapped area (ha)",
          relevant="selected(${tech_applied}, 'gps_gis')", required=True,
          rmsg=REQ,
          constraint=". >= 0 and (${land_area_ha} = '' or "
                     ". <= ${land_area_ha})",
          cmsg=("Không được lớn hơn diện tích sản xuất",
                "Cannot exceed the production area")),
        q("decimal", "hightech_area_ha",
          "Diện tích ứng dụng công nghệ cao (ha)", "High-tech area (ha)",
          constraint=". >= 0 and (${land_area_ha} = '' or "
                     ". <= ${land_area_ha})",
          cmsg=("Không được lớn hơn diện tích sản xuất",
                "Cannot exceed the production area")),
        q("integer", "deep_processed_products", "Số sản phẩm chế biến sâu",
          "Deep-processed products",
          relevant="selected(${tech_applied}, 'che_bien_sau')",
          required=True, rmsg=REQ, **NONNEG),
        repeat("st_tasks", "Nhiệm vụ khoa học và công nghệ",
               "Science and technology tasks"),
        q("text", "task_name", "Tên nhiệm vụ", "Task name", required=True,
          rmsg=REQ),
        q("select_one task_level", "task_level", "Cấp quản lý", "Level",
          required=True, rmsg=REQ),
        q("select_one yes_no", "dost_registered",
          "Đã đăng ký với Sở Khoa học và Công nghệ",
          "Registered with the Department of Science and Technology",
          required=True, rmsg=REQ),
        q("select_one task_role", "role", "Vai trò của hợp tác xã", "Role",
          required=True, rmsg=REQ),
        q("select_one task_status", "status", "Tình trạng", "Status",
          required=True, rmsg=REQ),
        q("decimal", "budget_million", "Kinh phí (triệu đồng)",
          "Budget (million VND)", **NONNEG),
        q("integer", "year_start", "Năm bắt đầu", "Start year",
          required=True, rmsg=REQ,
          constraint=". >= 1990 and . <= ${report_year}",
          cmsg=("Năm bắt đầu phải từ 1990 đến năm báo cáo",
                "The start year must be 1990 to the reporting year")),
        end(),
        q("integer", "ip_trademarks", "Số nhãn hiệu đã được cấp văn bằng",
          "Registered trademarks",
          hint=("Kể cả nhãn hiệu tập thể, nhãn hiệu chứng nhận",
                "Including collective and certification marks"), **NONNEG),
        q("integer", "ip_geo_indications",
          "Số sản phẩm dùng chỉ dẫn địa lý",
          "Products under a geographical indication", **NONNEG),
        q("integer", "ip_patents", "Số sáng chế, giải pháp hữu ích",
          "Patents and utility solutions", **NONNEG),
        end(),

        section("sec_e", "E. Truy xuất nguồn gốc và chất lượng",
                "E. Traceability and quality", relevant=NOT_QTDND),
        q("select_one yes_no", "trace_applied",
          "Áp dụng truy xuất nguồn gốc", "Traceability applied",
          required=True, rmsg=REQ),
        q("integer", "trace_products", "Số sản phẩm có mã QR truy xuất",
          "Products with QR trace codes",
          relevant="${trace_applied} = 'co'", required=True, rmsg=REQ,
          **NONNEG),
        q("select_multiple trace_platform", "trace_platform",
          "Hệ thống truy xuất sử dụng", "Traceability system",
          relevant="${trace_applied} = 'co'", required=True, rmsg=REQ),
        repeat("certifications", "Chứng nhận chất lượng",
               "Quality certifications"),
        q("select_one cert_type", "cert_type", "Loại chứng nhận",
          "Certification", required=True, rmsg=REQ),
        q("text", "product", "Sản phẩm", "Product", required=True, rmsg=REQ),
        q("decimal", "area_ha", "Diện tích được chứng nhận (ha)",
          "Certified area (ha)", constraint=". >= 0",
          cmsg=("Giá trị không được âm", "The value cannot be negative"),
          warning="${land_area_ha} = '' or . <= ${land_area_ha}",
          wmsg=("Diện tích chứng nhận lớn hơn diện tích sản xuất do hợp tác "
                "xã quản lý, liên kết", "The certified area exceeds the "
                "production area managed or linked")),
        q("date", "issued", "Ngày cấp", "Issued", required=True, rmsg=REQ,
          constraint=". <= today()",
          cmsg=("Ngày cấp không được sau hôm nay",
                "The issue date cannot be in the future")),
        q("date", "expires", "Ngày hết hạn", "Expires", required=True,
          rmsg=REQ, constraint=". > ${issued}",
          cmsg=("Ngày hết hạn phải sau ngày cấp",
                "The expiry date must be after the issue date"),
          warning=". >= ${data_to}",
          wmsg=("Chứng nhận đã hết hạn trước ngày cuối kỳ số liệu",
                "The certification expired before the end of the data "
                "period")),
        end(),
        q("select_one yes_no", "export_testing",
          "Kiểm nghiệm theo tiêu chuẩn xuất khẩu", "Export-standard testing"),
        q("integer", "export_test_substances",
          "Số chỉ tiêu, hoạt chất kiểm nghiệm", "Substances tested",
          relevant="${export_testing} = 'co'", required=True, rmsg=REQ,
          **NONNEG),
        end(),

        section("sec_f", "F. Tiếp cận thị trường số và thương hiệu",
                "F. Digital market access and branding"),
        q("select_multiple social_channels", "social_channels",
          "Kênh mạng xã hội sử dụng", "Social channels", required=True,
          rmsg=REQ, **exclusive("khong_co")),
        q("select_one social_response", "social_response",
          "Thời gian phản hồi khách hàng", "Customer response time",
          relevant="${social_channels} != '' and "
                   "not(selected(${social_channels}, 'khong_co'))",
          required=True, rmsg=REQ),
        q("integer", "livestream_sessions", "Số buổi livestream bán hàng",
          "Livestream sales sessions", **NONNEG),
        q("select_multiple ecommerce_platforms", "ecommerce_platforms",
          "Sàn thương mại điện tử tham gia", "E-commerce platforms",
          required=True, rmsg=REQ, **exclusive("khong_co")),
        q("decimal", "revenue_total",
          "Tổng doanh thu trong kỳ (triệu đồng)",
          "Total revenue in the period (million VND)",
          hint=("Cùng số với báo cáo tình hình hoạt động HTX-HD-01 cùng kỳ",
                "The same figure as in the operations report HTX-HD-01"),
          required=True, rmsg=REQ, **NONNEG),
        q("decimal", "online_revenue_million",
          "Doanh thu bán hàng trực tuyến (triệu đồng)",
          "Online sales revenue (million VND)",
          relevant="${ecommerce_platforms} != '' and "
                   "not(selected(${ecommerce_platforms}, 'khong_co'))",
          required=True, rmsg=REQ,
          constraint=". >= 0 and . <= ${revenue_total}",
          cmsg=("Không được lớn hơn tổng doanh thu",
                "Cannot exceed the total revenue")),
        q("calculate", "online_revenue_pct", "Tỷ lệ doanh thu trực tuyến (%)",
          "Online revenue share (%)", type="decimal",
          calculate="if(${revenue_total} > 0, round(100 * "
                    "coalesce(${online_revenue_million}, 0) div "
                    "${revenue_total}, 2), 0)"),
        q("decimal", "crossborder_revenue_million",
          "Doanh thu thương mại điện tử xuyên biên giới (triệu đồng)",
          "Cross-border online revenue (million VND)",
          relevant="selected(${ecommerce_platforms}, 'xuyen_bien_gioi')",
          constraint=". >= 0 and . <= ${online_revenue_million}",
          cmsg=("Không được lớn hơn doanh thu trực tuyến",
                "Cannot exceed the online revenue")),
        q("select_one yes_no", "digital_brand",
          "Có bộ nhận diện thương hiệu số", "Digital brand identity"),
        end(),

        section("sec_g", "G. Liên kết chuỗi giá trị và OCOP",
                "G. Value-chain links and OCOP"),
        repeat("chain_links", "Liên kết chuỗi giá trị với doanh nghiệp",
               "Value-chain links with enterprises"),
        q("text", "partner_name", "Tên doanh nghiệp liên kết", "Partner",
          required=True, rmsg=REQ),
        q("text", "partner_tax_code", "Mã số thuế doanh nghiệp liên kết",
          "Partner tax code", constraint=tax_constraint(), cmsg=TAX_CMSG,
          warning=tax_warning(), wmsg=TAX_WMSG),
        q("text", "product", "Sản phẩm liên kết", "Product", required=True,
          rmsg=REQ),
        q("select_one link_type", "link_type", "Hình thức liên kết",
          "Kind of link", required=True, rmsg=REQ),
        q("decimal", "contract_value_million",
          "Giá trị hợp đồng (triệu đồng)", "Contract value (million VND)",
          **NONNEG),
        q("date", "start_date", "Ngày bắt đầu liên kết", "Start date",
          required=True, rmsg=REQ, constraint=". <= ${data_to}",
          cmsg=("Ngày bắt đầu không được sau ngày cuối kỳ số liệu",
                "The start date cannot be after the end of the data "
                "period")),
        end(),
        repeat("ocop_products", "Sản phẩm OCOP", "OCOP products"),
        q("text", "product_name", "Tên sản phẩm", "Product", required=True,
          rmsg=REQ),
        q("select_one ocop_stars", "stars", "Hạng sao", "Stars",
          required=True, rmsg=REQ),
        q("integer", "recognised_year", "Năm được công nhận",
          "Year recognised", required=True, rmsg=REQ,
          constraint=". >= 2018 and . <= ${report_year}",
          cmsg=("Năm công nhận phải từ 2018 đến năm báo cáo",
                "The year must be 2018 to the reporting year")),
        q("date", "cert_expiry", "Ngày hết hạn công nhận",
          "Recognition expires",
          warning=". >= ${data_to}",
          wmsg=("Công nhận OCOP đã hết hạn trước ngày cuối kỳ số liệu",
                "The OCOP recognition expired before the end of the data "
                "period")),
        end(),
        end(),

        section("sec_h", "H. Hỗ trợ đã nhận, khó khăn, đề xuất",
                "H. Support received, difficulties, proposals"),
        repeat("support_received", "Hỗ trợ đã nhận trong kỳ",
               "Support received in the period"),
        q("select_one support_type", "support_type", "Loại hỗ trợ",
          "Kind of support", required=True, rmsg=REQ),
        q("select_one support_provider", "provider", "Nguồn hỗ trợ",
          "Provided by", required=True, rmsg=REQ),
        q("decimal", "amount_million", "Giá trị (triệu đồng)",
          "Amount (million VND)", **NONNEG),
        q("text", "decision_ref", "Số quyết định, văn bản",
          "Decision or document number"),
        end(),
        q("select_multiple barriers", "barriers", "Khó khăn, rào cản",
          "Barriers"),
        q("text", "proposals", "Đề xuất, kiến nghị", "Proposals",
          appearance="multiline",
          constraint="string-length(.) <= 4000",
          cmsg=("Không quá 4000 ký tự", "At most 4000 characters")),
        end(),

        section("sec_i", "I. Tự đánh giá mức độ chuyển đổi số (%s)"
                % DISCLAIMER[0], "I. Digital maturity self-assessment (%s)"
                % DISCLAIMER[1]),
        sa("sa_website_update", "sa_website",
           "Tần suất cập nhật trang thông tin điện tử",
           "Website update frequency",
           warning="${website_url} != '' or . = 0",
           wmsg=("Chưa ghi địa chỉ trang thông tin điện tử ở mục B",
                 "No website address was given in section B")),
        sa("sa_marketplace", "sa_marketplace",
           "Mức độ bán hàng trên sàn thương mại điện tử",
           "Sales on e-commerce platforms",
           warning="not(selected(${ecommerce_platforms}, 'khong_co')) or "
                   ". = 0",
           wmsg=("Mục F ghi không tham gia sàn thương mại điện tử",
                 "Section F says no e-commerce platform is used")),
        sa("sa_catalogue", "sa_catalogue",
           "Tần suất cập nhật danh mục sản phẩm trực tuyến",
           "Online catalogue updates"),
        sa("sa_einvoice_records", "sa_einvoice",
           "Hóa đơn điện tử và hồ sơ điện tử", "E-invoices and e-records",
           warning="${e_invoice} = 'co' or . = 0",
           wmsg=("Mục B ghi không dùng hóa đơn điện tử",
                 "Section B says e-invoices are not used")),
        sa("sa_cloud", "sa_cloud", "Sử dụng điện toán đám mây",
           "Use of cloud computing",
           warning="${cloud_services} != 'khong' or . = 0",
           wmsg=("Mục B ghi không dùng dịch vụ đám mây",
                 "Section B says cloud services are not used")),
        sa("sa_iot_automation", "sa_iot", "IoT, tự động hóa trong sản xuất",
           "IoT and automation in production", relevant=NOT_QTDND),
        sa("sa_core_banking", "sa_core_banking",
           "Hệ thống ngân hàng lõi (core banking)", "Core banking system",
           relevant="${org_type} = 'qtdnd'"),
        sa("sa_traceability", "sa_traceability",
           "Định danh sản phẩm tự động (QR, RFID) trong chuỗi cung ứng",
           "Automatic product identification (QR, RFID)",
           relevant=NOT_QTDND,
           warning="${trace_applied} = 'co' or . = 0",
           wmsg=("Mục E ghi chưa áp dụng truy xuất nguồn gốc",
                 "Section E says traceability is not applied")),
        sa("sa_mobile_banking", "sa_mobile_banking",
           "Dịch vụ ngân hàng số cho thành viên",
           "Digital banking for members",
           relevant="${org_type} = 'qtdnd'"),
        sa("sa_email_domain", "sa_email",
           "Sử dụng thư điện tử theo tên miền riêng",
           "Use of e-mail on an own domain",
           warning="${email_own_domain} != 'khong' or . <= 1",
           wmsg=("Mục B ghi không có thư điện tử theo tên miền riêng",
                 "Section B says there is no e-mail on an own domain")),
        sa("sa_innovation", "sa_innovation",
           "Sở hữu trí tuệ và đổi mới sáng tạo",
           "Intellectual property and innovation"),
        sa("sa_data_decisions", "sa_data",
           "Sử dụng dữ liệu để ra quyết định", "Use of data for decisions"),
    ]
    derived = {
        "i01": "coalesce(${sa_website_update}, 0)",
        "i02": mapping("${social_response}",
                       [(v, i + 1) for i, (v, _, _) in
                        enumerate(CHOICES["social_response"])]),
        "i03": "coalesce(${sa_marketplace}, 0)",
        "i04": "if(${online_revenue_pct} <= 0, 0, 1 + "
               "(${online_revenue_pct} >= 5) + (${online_revenue_pct} >= 10) "
               "+ (${online_revenue_pct} >= 20) + "
               "(${online_revenue_pct} > 40))",
        "i05": "coalesce(${sa_catalogue}, 0)",
        "i06": "if(${dx_plan_status} = 4, 5, coalesce(${dx_plan_status}, 0))",
        "i07": "if(${internet_fixed} != 'co', 0, %s)" % mapping(
            "${internet_speed}", [(v, i + 1) for i, (v, _, _) in
                                  enumerate(CHOICES["internet_speed"])]),
        "i08": "coalesce(${sa_einvoice_records}, 0)",
        "i09": "coalesce(${sa_cloud}, 0)",
        "i10": "if(%s <= 0, 0, if(%s = 1, 1, if(${software_integration} = 3, "
               "if(selected(${software_used}, 'erp'), 5, 4), "
               "if(${software_integration} = 2, 3, 2))))" % (SOFT_N, SOFT_N),
        "i11": "if(${org_type} = 'qtdnd', coalesce(${sa_core_banking}, 0), "
               "coalesce(${sa_iot_automation}, 0))",
        "i12": "if(${org_type} = 'qtdnd', coalesce(${sa_mobile_banking}, 0), "
               "coalesce(${sa_traceability}, 0))",
        "i13": "if(selected(${security_measures}, 'khong_co'), 0, "
               "count-selected(${security_measures}))",
        "i14": "if(${staff_total} + ${members_total} > 0, %s, 0)" % pct_band(
            "(100 * (${staff_trained_digital} + ${members_trained_digital}) "
            "div (${staff_total} + ${members_total}))"),
        "i15": pct_band("coalesce(${staff_using_smart_devices_pct}, 0)"),
        "i16": "coalesce(${sa_email_domain}, 0)",
        "i17": "coalesce(${sa_innovation}, 0)",
        "i18": pct_band("coalesce(${member_records_digital_pct}, 0)"),
        "i19": "coalesce(${sa_data_decisions}, 0)",
    }
    assert sorted(derived) == [i[0] for i in DBI_ITEMS]
    for iid, _, _, vi, en in DBI_ITEMS:
        r.append(q("calculate", "dbi_" + iid, "Điểm: " + vi, "Score: " + en,
                   type="int", calculate=derived[iid]))
    r += dbi_rows()
    r.append(end())
    r += common.attestation_rows("sec_j", "J. Xác nhận", "J. Attestation")
    return r


def form(header):
    f = Form(FORM_ID, VERSION, TITLE, rows(), CHOICES,
             instances=[
                 ("coop-calendar", None, common.calendar_instance(PERIODS)),
                 ("dbi-1970-lite", "jr://file/dbi-1970-lite.xml", None),
                 ("communes", "jr://file-csv/communes.csv", None),
             ],
             header=header)
    f.instance_name = common.instance_name(FORM_CODE)
    return f


MEDIA = {"dbi-1970-lite.xml": dbi_table_xml}
