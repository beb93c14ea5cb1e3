#!/bin/sh
# t2200-refusals.sh: each class of wrong answer is refused, with the
# right message in Vietnamese and in English (src/report.c, src/draft.c,
# src/cmd-set.c, src/cmd-validate.c, po/vi.po, forms/htx-cds-01.xml,
# forms/htx-hd-01.xml): a type error, a constraint, a required answer
# missing, the minimum members by organisation type, the tax-code check
# digit, a profit above the revenue and a count above its total.
. "${top_srcdir:-.}/tests/lib.sh"

F=$top_srcdir/forms
c() { cr --forms "$F" "$@"; }

c new htx-cds-01
cds=$(out)
c new htx-hd-01
hd=$(out)
c set "$cds" org_type=htx staff_total=5
c set "$hd" org_type=htx revenue_total=100

# refused LANG ID MESSAGE ANSWER...: set is refused with that message.
refused() {
	_l=$1 _id=$2 _want=$3
	shift 3
	c --lang "$_l" set "$_id" "$@"
	is_rc 1 "$_l: $* is refused"
	like "$(err)" "^error: $_want$" "$_l: $*: $_want"
}

refused en "$cds" "'members_total': 'abc' is not a whole number" \
    members_total=abc
refused vi "$cds" "'members_total': 'abc' không phải là số nguyên" \
    members_total=abc
refused en "$cds" "'reg_date': '20/5/2019' is not a date; write it as \
YYYY-MM-DD, e.g\\. 2025-12-14" reg_date=20/5/2019
refused vi "$cds" "'reg_date': '20/5/2019' không phải là ngày; hãy viết \
theo dạng YYYY-MM-DD, ví dụ 2025-12-14" reg_date=20/5/2019
refused en "$cds" "1 answer refused; nothing was changed" members_total=abc
refused vi "$cds" "1 câu trả lời bị từ chối; không có gì được thay đổi" \
    members_total=abc

refused en "$cds" "staff_using_smart_devices_pct: The percentage must be 0 \
to 100 — .*" staff_using_smart_devices_pct=150
refused vi "$cds" "staff_using_smart_devices_pct: Tỷ lệ phải từ 0 đến \
100 — .*" staff_using_smart_devices_pct=150

refused en "$cds" "members_total: Fewer official members than the Law on \
Cooperatives 2023 \\(Art\\. 4\\) requires: .* — Official members" \
    members_total=3
refused vi "$cds" "members_total: Số thành viên chính thức dưới mức tối \
thiểu của Luật Hợp tác xã 2023 \\(Điều 4\\): .* — Tổng số thành viên \
chính thức" members_total=3
c set "$cds" org_type=tht members_total=3
is_rc 0 "a cooperative group may have 3 members"
c set "$cds" org_type=htx
is_rc 0 "changing the type afterwards is not refused..."
c --lang en validate "$cds"
like "$(out)" "^members_total: Fewer official members" \
    "...but validate lists the members"

refused en "$cds" "tax_code: The tax code must have 10 digits \\(or 10 \
digits, a hyphen and 3 digits\\) and its 10th digit must match the check \
digit — Cooperative code / tax code" tax_code=4201785236
refused vi "$cds" "tax_code: Mã số thuế phải có 10 chữ số \\(hoặc 10 chữ \
số, gạch ngang, 3 chữ số\\) và chữ số thứ 10 phải đúng theo chữ số kiểm tra \
— Mã số hợp tác xã / mã số thuế" tax_code=4201785236
c set "$cds" tax_code=4201785235
is_rc 0 "the right check digit is accepted"

refused en "$cds" "it_staff: Cannot exceed the total workers — IT-qualified \
workers" it_staff=6
refused vi "$cds" "it_staff: Không được lớn hơn tổng số lao động — Lao \
động có chuyên môn công nghệ thông tin" it_staff=6

refused en "$hd" "profit_before_tax: Profit cannot exceed the total revenue \
— Profit before tax" profit_before_tax=150
refused vi "$hd" "profit_before_tax: Lợi nhuận không thể lớn hơn tổng doanh \
thu — Lợi nhuận trước thuế" profit_before_tax=150

# A required answer that is missing, at validate.
c --lang en validate "$cds"
is_rc 1 "en: validate refuses a report with a required answer missing"
like "$(out)" "^org_name: This question must be answered — Organisation \
name$" "en: the form's message and the label"
c --lang vi validate "$cds"
is_rc 1 "vi: the same"
like "$(out)" "^org_name: Câu hỏi này bắt buộc trả lời — Tên tổ chức \
\\(in hoa\\)$" "vi: the form's message and the label"
like "$(err)" "báo cáo chưa thể hoàn tất" "vi: coopreport's own verdict"

# Our default message, when a form gives none.
c --lang vi --forms "$top_srcdir/tests/forms" new coop-mini
mini=$(out)
c --lang vi --forms "$top_srcdir/tests/forms" validate "$mini"
like "$(out)" "^org_type: câu trả lời này là bắt buộc — Loại hình tổ chức$" \
    "vi: the default message"
c --lang en --forms "$top_srcdir/tests/forms" validate "$mini"
like "$(out)" "^org_type: this answer is required — Organisation type$" \
    "en: the default message"

done_testing
