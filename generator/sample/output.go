package sample

import (
	"bufio"
	"encoding/csv"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"

	"github.com/sxwuye/portal/generator/config"
	"github.com/sxwuye/portal/generator/dataset"
)

// columns are the keys each record function below writes, in order. Write
// refuses to run if the data dictionary's order ever differs, so a changed
// schema can never produce misaligned files.
var columns = map[string][]string{
	dataset.Regions:     {"code", "name", "level", "parent_code"},
	dataset.Enterprises: {"id", "name", "credit_code", "region_code", "party_org", "party_org_date", "status", "service_phone", "contact_person", "contact_mobile"},
	dataset.Communities: {"id", "name", "region_code", "street", "neighborhood", "households", "occupancy_rate", "management_mode", "enterprise_id",
		"committee", "committee_date", "committee_members", "committee_party_members", "chair_is_party_member", "floor_area", "service_room_area",
		"built_year", "smart_platform"},
	dataset.Evaluations: {"period", "community_id", "enterprise_id", "basic_service", "facilities", "satisfaction", "total", "grade", "evaluator", "evaluated_on"},
	dataset.Progress: {"report_date", "region_code", "communities_total", "mode_enterprise", "mode_community", "mode_owner", "mode_unit", "mode_none",
		"eligible_for_committee", "committees_formed", "enterprises_total", "enterprises_party_covered", "service_room_missing"},
}

func header(name string) ([]string, error) {
	s := dataset.SchemaByName(name)
	if s == nil {
		return nil, fmt.Errorf("数据字典中没有数据集 %s", name)
	}
	keys := make([]string, len(s.Fields))
	for i, f := range s.Fields {
		keys[i] = f.Key
	}
	if !slices.Equal(keys, columns[name]) {
		return nil, fmt.Errorf("示例数据生成器的 %s 列与数据字典不一致：%v ≠ %v", name, columns[name], keys)
	}
	return keys, nil
}

// writeCSV writes one dataset: UTF-8 without BOM, LF, canonical keys.
func writeCSV(dir, name string, n int, record func(i int) []string) error {
	head, err := header(name)
	if err != nil {
		return err
	}
	path := filepath.Join(dir, "data", name+".csv")
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	bw := bufio.NewWriterSize(f, 1<<16)
	w := csv.NewWriter(bw)
	if err := w.Write(head); err != nil {
		f.Close()
		return err
	}
	for i := 0; i < n; i++ {
		if err := w.Write(record(i)); err != nil {
			f.Close()
			return err
		}
	}
	w.Flush()
	if err := w.Error(); err != nil {
		f.Close()
		return err
	}
	if err := bw.Flush(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

func optInt(v int) string {
	if v < 0 {
		return ""
	}
	return strconv.Itoa(v)
}

func optBool(v int) string {
	switch v {
	case 0:
		return "否"
	case 1:
		return "是"
	}
	return ""
}

func fromTenths(v int) string { return dataset.FormatNumber(float64(v) / 10) }

func writeDatasets(dir string, g *geography, L *ledger, progress [][]string, cfg *config.Config) error {
	if err := writeCSV(dir, dataset.Regions, len(g.regions), func(i int) []string {
		r := g.regions[i]
		return []string{r.code, r.name, r.level, r.parent}
	}); err != nil {
		return err
	}
	if err := writeCSV(dir, dataset.Enterprises, len(L.firms), func(i int) []string {
		e := L.firms[i]
		status := "正常"
		if e.withdrawn {
			status = "清退"
		}
		return []string{e.id, e.name, e.credit, e.region, e.partyOrg, e.partyDate, status, e.phone, e.person, e.mobile}
	}); err != nil {
		return err
	}
	if err := writeCSV(dir, dataset.Communities, len(L.communities), func(i int) []string {
		c := L.communities[i]
		ent := ""
		if c.ent != nil {
			ent = c.ent.id
		}
		return []string{c.id, c.name, c.county.code, c.street, c.neighborhood, strconv.Itoa(c.households), fromTenths(c.occupancy10),
			modeNames[c.mode], ent, c.committee, c.committeeOn, optInt(c.members), optInt(c.party), optBool(c.chair),
			optInt(c.floor), optInt(c.room), optInt(c.built), optBool(c.smart)}
	}); err != nil {
		return err
	}
	if err := writeCSV(dir, dataset.Evaluations, len(L.evaluations), func(i int) []string {
		ev := L.evaluations[i]
		total, grade := "", ""
		sum := ev.basic + ev.facil + ev.sat
		if ev.withTotal {
			total = fromTenths(sum)
		}
		if ev.withGrd {
			grade = gradeOf(cfg, sum)
		}
		return []string{ev.period, ev.com.id, ev.ent.id, fromTenths(ev.basic), fromTenths(ev.facil), fromTenths(ev.sat),
			total, grade, ev.evaluator, ev.on}
	}); err != nil {
		return err
	}
	return writeCSV(dir, dataset.Progress, len(progress), func(i int) []string { return progress[i] })
}
