package dataset

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"golang.org/x/text/unicode/norm"

	"github.com/sxwuye/portal/generator/config"
	"github.com/sxwuye/portal/generator/diag"
)

// validator applies the rules that look beyond one cell: conditional fields,
// uniqueness, cross-references between files and the derived rules. Each rule
// only uses cells that passed their own check (cell.ok()), so one bad cell gives
// one message, not a cascade. Problems point at the cell that refers.
type validator struct {
	tables map[string]*table
	cfg    *config.Config

	regions     map[string]regionRef // code → region, first occurrence
	enterprises map[string]enterpriseRef
	communities *keyIndex[string] // nil when the communities cannot be looked up

	// rejected holds, per dataset, the rows whose key (code or id) was
	// filled in but refused, by a duplicate or a malformed value: a
	// reference that finds no row may have meant one of them.
	rejected map[string][]rejectedKey
}

// rejectedKey is a row whose key cell was refused, and where that was reported.
type rejectedKey struct {
	place diag.Place
	row   *record
}

// noteRejected records the rows of t whose key was refused.
func (v *validator) noteRejected(t *table, key string) {
	i := t.field(key)
	for k := range t.records {
		c := &t.records[k].cells[i]
		if !c.ok() && trimCell(t.raw(c)) != "" {
			if v.rejected == nil {
				v.rejected = make(map[string][]rejectedKey)
			}
			v.rejected[t.schema.Name] = append(v.rejected[t.schema.Name], rejectedKey{t.place(c), &t.records[k]})
		}
	}
}

// causeOf is the refused key a failed reference into dataset most likely
// meant: the only refused row, or among several the only one that match
// says is it. It is nil when no single row stands out, so that a reference
// is folded under an earlier error only when that error explains it.
func (v *validator) causeOf(dataset string, match func(*record) bool) *diag.Place {
	rs := v.rejected[dataset]
	if len(rs) == 1 {
		return &rs[0].place
	}
	var found *diag.Place
	for i := range rs {
		if match != nil && match(rs[i].row) {
			if found != nil {
				return nil
			}
			found = &rs[i].place
		}
	}
	return found
}

type regionRef struct{ level, name string }
type enterpriseRef struct{ status, name string }
type communityRef struct{ mode, enterpriseID string }

// Chinese names of the region levels.
var levelNames = map[string]string{"province": "省级", "city": "市级", "county": "区县级"}

// run checks the datasets in dictionary order, each after the ones it
// refers to, and indexes each after its own checks, so that a reference to a
// row whose key cell is wrong is not reported a second time.
func (v *validator) run() {
	if t := v.loaded(Regions); t != nil {
		v.unique(t)
		v.checkRegionLevels(t)
		v.noteRejected(t, "code")
		v.regions = v.indexRegions(t)
		v.checkRegionParents(t)
	}
	if t := v.loaded(Enterprises); t != nil {
		v.unique(t)
		v.checkEnterprises(t)
		v.noteRejected(t, "id")
		v.enterprises = v.indexEnterprises(t)
	}
	if t := v.loaded(Communities); t != nil {
		v.unique(t)
		v.checkCommunities(t)
		v.noteRejected(t, "id")
		v.communities = v.indexCommunities(t)
	}
	if t := v.loaded(Evaluations); t != nil {
		v.unique(t)
		v.checkEvaluations(t)
	}
	if t := v.loaded(Progress); t != nil {
		v.unique(t)
		v.checkProgress(t)
	}
}

// loaded returns a dataset's table once it has been read, or nil when its
// file is missing or has no usable header.
func (v *validator) loaded(name string) *table {
	t := v.tables[name]
	if t == nil {
		return nil
	}
	if t.ready != nil {
		<-t.ready
	}
	if t.loaded {
		return t
	}
	return nil
}

// The lookups stay nil when a file is lossy (rows could not be read), which
// turns the references to it off: the unreadable row is reported once
// instead of once per referring row. They keep the first row of each key.

func (v *validator) indexRegions(t *table) map[string]regionRef {
	if t.lossy {
		return nil
	}
	m := make(map[string]regionRef, len(t.records))
	for i := range t.records {
		r := &t.records[i]
		if c := t.get(r, "code"); c.ok() {
			if _, dup := m[t.val(c)]; !dup {
				ref := regionRef{name: t.val(t.get(r, "name"))}
				if l := t.get(r, "level"); l.ok() { // a level contradicting the code is not trusted
					ref.level = t.val(l)
				}
				m[t.val(c)] = ref
			}
		}
	}
	return m
}

func (v *validator) indexEnterprises(t *table) map[string]enterpriseRef {
	if t.lossy {
		return nil
	}
	m := make(map[string]enterpriseRef, len(t.records))
	for i := range t.records {
		r := &t.records[i]
		if c := t.get(r, "id"); c.ok() {
			if _, dup := m[t.val(c)]; !dup {
				m[t.val(c)] = enterpriseRef{status: t.val(t.get(r, "status")), name: t.val(t.get(r, "name"))}
			}
		}
	}
	return m
}

// indexCommunities indexes the communities by id, the first row of each.
func (v *validator) indexCommunities(t *table) *keyIndex[string] {
	if t.lossy {
		return nil
	}
	iID := t.field("id")
	x := newKeyIndex(len(t.records), hashString, func(k int) string { return t.val(&t.records[k].cells[iID]) })
	for k := range t.records {
		if c := &t.records[k].cells[iID]; c.ok() {
			x.add(t.val(c), k)
		}
	}
	return x
}

// community looks a community up by id. Its current company is known only
// when its management mode and company cells passed every rule; a wrong one
// was reported at the community. No rule changes those cells once the
// communities are indexed.
func (v *validator) community(id string) (communityRef, bool) {
	k, ok := v.communities.find(id)
	if !ok {
		return communityRef{}, false
	}
	t := v.tables[Communities]
	r := &t.records[k]
	mode, ent := t.get(r, "management_mode"), t.get(r, "enterprise_id")
	ref := communityRef{}
	if mode.ok() && ent.ok() == (t.val(mode) == "物业服务企业") {
		ref.mode = t.val(mode)
		if ent.ok() {
			ref.enterpriseID = t.val(ent)
		}
	}
	return ref, true
}

// unique checks Field.Unique and Field.UniqueWithin for every field,
// reporting each repeat at the later row.
func (v *validator) unique(t *table) {
	for i, f := range t.schema.Fields {
		if !f.Unique && f.UniqueWithin == "" {
			continue
		}
		scope := -1
		if f.UniqueWithin != "" {
			scope = t.field(f.UniqueWithin)
		}
		// The key is (scope value, value); the scope is "" for plain
		// uniqueness. Values are compared as sameKey folds them, so "C000001"
		// and "c000001" (two folders on a case-insensitive server) clash.
		keyOf := func(k int) [2]string {
			r := &t.records[k]
			key := [2]string{"", sameKey(t.val(&r.cells[i]))}
			if scope >= 0 {
				key[0] = t.val(&r.cells[scope])
			}
			return key
		}
		seen := newKeyIndex(len(t.records), hashPair, keyOf)
		for k := range t.records {
			r := &t.records[k]
			c := &r.cells[i]
			if !c.ok() || scope >= 0 && !r.cells[scope].ok() {
				continue
			}
			firstRow, dup := seen.add(keyOf(k), k)
			if !dup {
				continue
			}
			first := t.records[firstRow].line
			// A repeat written differently names the first spelling.
			as := ""
			if fv := t.val(&t.records[firstRow].cells[i]); fv != t.val(c) {
				as = fmt.Sprintf("（第 %d 行为 %s，大小写、全角半角和不可见字符不计）", t.row(first), diag.Quote(fv))
			}
			if scope < 0 {
				t.errorf(c, f.Key, "不得与第 %d 行重复%s", t.row(first), as)
				continue
			}
			sf := t.schema.Fields[scope]
			what := sf.Label + "（" + t.val(&r.cells[scope]) + "）"
			if sf.Type == TypeCode {
				what = "区划（" + t.val(&r.cells[scope]) + v.regionName(t.val(&r.cells[scope])) + "）"
			}
			t.errorf(c, f.Key, "在同一%s内不得与第 %d 行重复%s", what, t.row(first), as)
		}
	}
}

func (v *validator) regionName(code string) string {
	if r, ok := v.regions[code]; ok && r.name != "" {
		return " " + r.name
	}
	return ""
}

// levelOfCode is the level a division code's shape implies: 140000 province,
// 14xx00 city, anything else county.
func levelOfCode(code string) string {
	switch {
	case code[2:] == "0000":
		return "province"
	case code[4:] == "00":
		return "city"
	}
	return "county"
}

// regionRefCheck checks that a code cell names a region of one of the levels.
func (v *validator) regionRefCheck(t *table, c *cell, key, want string, levels ...string) {
	if v.regions == nil || !c.ok() {
		return
	}
	r, ok := v.regions[t.val(c)]
	if !ok {
		t.knockOn(v.causeOf(Regions, nil), c, key, "应为行政区划（%s）中已有的区划代码", SchemaByName(Regions).File)
		return
	}
	for _, l := range levels {
		if r.level == l {
			return
		}
	}
	if r.level == "" {
		return // the region's own level cell is wrong and reported there
	}
	t.errorf(c, key, "应为%s的区划代码，而该代码是%s区划“%s”", want, levelNames[r.level], r.name)
}

// checkRegionLevels checks each level against the shape of its code.
func (v *validator) checkRegionLevels(t *table) {
	for k := range t.records {
		r := &t.records[k]
		code, level := t.get(r, "code"), t.get(r, "level")
		if code.ok() && level.ok() {
			if want := levelOfCode(t.val(code)); want != t.val(level) {
				t.errorf(level, "level", "应为 %s：区划代码 %s 是%s", want, t.val(code), levelNames[want])
			}
		}
	}
}

// checkRegionParents checks the tree: the province has no parent, a city's
// parent is the province and a county's a city.
func (v *validator) checkRegionParents(t *table) {
	for k := range t.records {
		r := &t.records[k]
		level, parent := t.get(r, "level"), t.get(r, "parent_code")
		if !level.ok() {
			continue
		}
		if t.val(level) == "province" {
			if parent.ok() {
				t.errorf(parent, "parent_code", "应为空（省级区划没有上级）")
			}
			continue
		}
		if !parent.ok() {
			if trimCell(t.raw(parent)) == "" {
				t.errorf(parent, "parent_code", "不能为空（只有省级区划没有上级）")
			}
			continue
		}
		if v.regions == nil {
			continue
		}
		p, ok := v.regions[t.val(parent)]
		if !ok {
			t.knockOn(v.causeOf(Regions, nil), parent, "parent_code", "应为行政区划中已有的区划代码")
			continue
		}
		want := map[string]string{"city": "province", "county": "city"}[t.val(level)]
		if p.level != "" && p.level != want {
			t.errorf(parent, "parent_code", "%s区划的上级应为%s区划，而该代码是%s区划“%s”",
				levelNames[t.val(level)], levelNames[want], levelNames[p.level], p.name)
		}
	}
}

func (v *validator) checkEnterprises(t *table) {
	for k := range t.records {
		r := &t.records[k]
		v.regionRefCheck(t, t.get(r, "region_code"), "region_code", "市或区县", "city", "county")
		org, date := t.get(r, "party_org"), t.get(r, "party_org_date")
		if org.ok() {
			requiredIff(t, date, "party_org_date", t.val(org) != "未覆盖", "党组织覆盖方式", t.val(org))
		}
	}
}

// requiredIff reports a conditional field that is missing when it is required,
// or filled in when it must be absent, when the field named subject has value.
func requiredIff(t *table, c *cell, key string, required bool, subject, value string) {
	filled := trimCell(t.raw(c)) != ""
	switch {
	case required && !filled:
		t.errorf(c, key, "不能为空：%s为“%s”时必填", subject, value)
	case !required && filled:
		t.errorf(c, key, "%s为“%s”时应为空", subject, value)
	}
}

func (v *validator) checkCommunities(t *table) {
	// Field indexes are looked up once, not per row.
	iRegion, iMode, iEnt := t.field("region_code"), t.field("management_mode"), t.field("enterprise_id")
	iCommittee, iDate := t.field("committee"), t.field("committee_date")
	iMembers, iParty, iChair := t.field("committee_members"), t.field("committee_party_members"), t.field("chair_is_party_member")
	for k := range t.records {
		r := &t.records[k]
		v.regionRefCheck(t, &r.cells[iRegion], "region_code", "区县", "county")

		mode, ent := &r.cells[iMode], &r.cells[iEnt]
		if mode.ok() {
			requiredIff(t, ent, "enterprise_id", t.val(mode) == "物业服务企业", "管理方式", t.val(mode))
		}
		if ent.ok() && v.enterprises != nil {
			if e, ok := v.enterprises[t.val(ent)]; !ok {
				t.knockOn(v.causeOf(Enterprises, nil), ent, "enterprise_id", "应为物业服务企业名录（%s）中已有的企业编号", SchemaByName(Enterprises).File)
			} else if e.status == "清退" {
				t.errorf(ent, "enterprise_id", "企业“%s”已清退，不得再服务小区", e.name)
			}
		}

		committee := &r.cells[iCommittee]
		if committee.ok() {
			formed := t.val(committee) != "未组建"
			requiredIff(t, &r.cells[iDate], "committee_date", formed, "业主组织", t.val(committee))
			requiredIff(t, &r.cells[iMembers], "committee_members", formed, "业主组织", t.val(committee))
			if !formed {
				// Nothing can be said about a committee that does not exist.
				requiredIff(t, &r.cells[iParty], "committee_party_members", false, "业主组织", t.val(committee))
				requiredIff(t, &r.cells[iChair], "chair_is_party_member", false, "业主组织", t.val(committee))
			}
		}
		members, party := &r.cells[iMembers], &r.cells[iParty]
		if members.ok() && party.ok() && t.number(party) > t.number(members) {
			t.errorf(party, "committee_party_members", "不能大于成员人数 %s", t.val(members))
		}
	}
}

// number is the value of a valid number or integer cell. Its canonical form
// is FormatNumber of the value, which parses back to exactly that value;
// parsing it here, for the few cells compared, saves 8 bytes on every cell.
func (t *table) number(c *cell) float64 {
	v, _ := strconv.ParseFloat(t.val(c), 64)
	return v
}

// checkPeriodsHaveRows refuses a release configured in site.yaml that has
// no evaluation at all: its 公示 pages would be published empty.
func (v *validator) checkPeriodsHaveRows(t *table, iPeriod int) {
	if v.cfg == nil || t.lossy {
		return
	}
	rows := map[string]int{}
	for k := range t.records {
		rows[trimCell(t.raw(&t.records[k].cells[iPeriod]))]++
	}
	for i, p := range v.cfg.Evaluation.Periods {
		if rows[p.ID] == 0 {
			name := p.ID
			if p.Title != "" {
				name += "（" + p.Title + "）"
			}
			t.add(diag.Error, 0, 0, -1, "", "", diag.V(p.ID),
				"site.yaml 的 evaluation.periods[%d] 配置了评价期次 %s，但本文件没有该期的任何评价记录，公示页将是空的：请补上该期的评价结果，或从 site.yaml 中删除该期", i, name)
		}
	}
}

func (v *validator) checkEvaluations(t *table) {
	iPeriod, iCom, iEnt := t.field("period"), t.field("community_id"), t.field("enterprise_id")
	iTotal, iGrade := t.field("total"), t.field("grade")
	iParts := [3]int{t.field("basic_service"), t.field("facilities"), t.field("satisfaction")}
	v.checkPeriodsHaveRows(t, iPeriod)
	for k := range t.records {
		r := &t.records[k]
		period := &r.cells[iPeriod]
		if period.ok() && v.cfg != nil {
			if _, ok := v.cfg.Period(t.val(period)); !ok {
				t.errorf(period, "period", "应为站点配置（site.yaml 的 evaluation.periods）中已有的评价期次")
			}
		}
		com, ent := &r.cells[iCom], &r.cells[iEnt]
		var current *communityRef
		if com.ok() && v.communities != nil {
			if c, ok := v.community(t.val(com)); ok {
				current = &c
			} else {
				// Among several refused community ids, the one whose
				// company is this evaluation's is the likely one.
				cs := v.tables[Communities]
				sameCompany := func(r *record) bool {
					e := cs.get(r, "enterprise_id")
					return ent.ok() && e.ok() && cs.val(e) == t.val(ent)
				}
				t.knockOn(v.causeOf(Communities, sameCompany), com, "community_id", "应为住宅小区台账（%s）中已有的小区编号", SchemaByName(Communities).File)
			}
		}
		entKnown := false
		if ent.ok() && v.enterprises != nil {
			if _, entKnown = v.enterprises[t.val(ent)]; !entKnown {
				t.knockOn(v.causeOf(Enterprises, nil), ent, "enterprise_id", "应为物业服务企业名录（%s）中已有的企业编号", SchemaByName(Enterprises).File)
			}
		}
		// current.mode is empty when the community's own mode or company is wrong (reported there).
		if entKnown && current != nil && current.mode != "" && current.enterpriseID != t.val(ent) {
			if current.enterpriseID == "" {
				t.report(diag.Warning, ent, "enterprise_id", "小区 %s 目前的管理方式是“%s”，台账中没有物业服务企业（若评价后发生了变更，可忽略）", t.val(com), current.mode)
			} else {
				t.report(diag.Warning, ent, "enterprise_id", "与小区 %s 当前的物业服务企业 %s 不一致（若评价后更换了企业，可忽略）", t.val(com), current.enterpriseID)
			}
		}

		parts := [3]struct {
			key string
			max float64
		}{{"basic_service", 0}, {"facilities", 0}, {"satisfaction", 0}}
		if v.cfg != nil {
			m := v.cfg.Evaluation.Maxima
			parts[0].max, parts[1].max, parts[2].max = m.BasicService, m.Facilities, m.Satisfaction
		}
		sum, allOK := 0.0, true
		for i, p := range parts {
			c := &r.cells[iParts[i]]
			if !c.ok() {
				allOK = false
				continue
			}
			if v.cfg != nil && t.number(c) > p.max+1e-9 {
				t.errorf(c, p.key, "应在 0 到 %s 之间（满分见站点配置 evaluation.maxima）", FormatNumber(p.max))
				allOK = false
				continue
			}
			sum += t.number(c)
		}
		if !allOK {
			continue
		}
		sum = math.Round(sum*1e6) / 1e6
		if total := &r.cells[iTotal]; total.ok() && math.Abs(t.number(total)-sum) > 0.05+1e-9 {
			t.errorf(total, "total", "应等于三项得分之和 %s（允许误差 0.05）", FormatNumber(sum))
		}
		if grade := &r.cells[iGrade]; grade.ok() && v.cfg != nil && len(v.cfg.Evaluation.Grades) > 0 {
			if want := v.cfg.GradeOf(sum); t.val(grade) != want {
				t.errorf(grade, "grade", "应为“%s”（按三项得分之和 %s 和站点配置的分数线计算）", want, FormatNumber(sum))
			}
		}
	}
}

func (v *validator) checkProgress(t *table) {
	modes := []string{"mode_enterprise", "mode_community", "mode_owner", "mode_unit", "mode_none"}
	for k := range t.records {
		r := &t.records[k]
		v.regionRefCheck(t, t.get(r, "region_code"), "region_code", "设区市", "city")

		total := t.get(r, "communities_total")
		sum, allOK, parts := 0.0, true, ""
		for i, key := range modes {
			c := t.get(r, key)
			if !c.ok() {
				allOK = false
				continue
			}
			sum += t.number(c)
			if i > 0 {
				parts += " + "
			}
			parts += t.schema.Fields[t.field(key)].Label + " " + t.val(c)
		}
		if total.ok() && allOK && t.number(total) != sum {
			t.errorf(total, "communities_total", "应等于五种管理方式之和 %s（%s）", FormatNumber(sum), parts)
		}
		atMost := func(key, limitKey string, sev diag.Severity, format string) bool {
			c, lim := t.get(r, key), t.get(r, limitKey)
			if c.ok() && lim.ok() && t.number(c) > t.number(lim) {
				t.report(sev, c, key, format, t.schema.Fields[t.field(limitKey)].Label, t.val(lim))
				return true
			}
			return false
		}
		const notAbove = "不能大于%s %s"
		atMost("eligible_for_committee", "communities_total", diag.Error, notAbove)
		atMost("service_room_missing", "communities_total", diag.Error, notAbove)
		atMost("enterprises_party_covered", "enterprises_total", diag.Error, notAbove)
		if !atMost("committees_formed", "communities_total", diag.Error, notAbove) {
			// Communities below 50% occupancy may form a committee too, so
			// this only asks for a second look.
			atMost("committees_formed", "eligible_for_committee", diag.Warning,
				"大于%s %s，请核对（入住率未达 50%% 的小区也可组建，如属此情况可忽略）")
		}
	}
}

// sameKey folds a value for the uniqueness checks: NFKC (full-width and
// half-width forms alike), without zero-width and bidirectional control
// characters, and in lower case.
func sameKey(s string) string {
	ascii := true
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			ascii = false
			break
		}
	}
	if !ascii {
		s = strings.Map(func(r rune) rune {
			if invisible(r) {
				return -1
			}
			return r
		}, norm.NFKC.String(s))
	}
	return strings.ToLower(s)
}

// invisible reports the zero-width and bidirectional formatting characters
// that make two values look the same and compare different.
func invisible(r rune) bool {
	switch {
	case r >= 0x200B && r <= 0x200F, r >= 0x202A && r <= 0x202E, r >= 0x2060 && r <= 0x2064,
		r >= 0x2066 && r <= 0x2069, r == 0xFEFF, r == 0x00AD, r == 0x180E:
		return true
	}
	return false
}
