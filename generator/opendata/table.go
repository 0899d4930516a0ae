package opendata

import (
	"fmt"
	"reflect"
	"slices"
	"strings"

	"github.com/sxwuye/portal/generator/dataset"
	"github.com/sxwuye/portal/generator/model"
)

// table is a dataset as typed cells, the one source every writer reads.
// A cell is nil (absent), string (text, ids, codes, dates as 2006-01-02),
// int, float64 or bool.
type table struct {
	name  string
	title string
	cols  []dataset.Field
	rows  [][]any
}

// publicTable converts a dataset's rows (a slice of a dataset row type)
// into a table of its public fields, matched to struct fields by csv tag.
// A public field without a struct field is an error: the dictionary and
// the row types must agree.
func publicTable(s *dataset.Schema, rows any) (*table, error) {
	t := &table{name: s.Name, title: s.Title, cols: s.PublicFields()}
	v := reflect.ValueOf(rows)
	if v.Kind() != reflect.Slice {
		return nil, fmt.Errorf("%s: rows are not a slice", s.Name)
	}
	et := v.Type().Elem()
	idx := make([]int, len(t.cols))
	for i, f := range t.cols {
		idx[i] = -1
		for j := 0; j < et.NumField(); j++ {
			if et.Field(j).Tag.Get("csv") == f.Key {
				idx[i] = j
			}
		}
		if idx[i] < 0 {
			return nil, fmt.Errorf("%s: public field %s has no struct field with csv tag", s.Name, f.Key)
		}
	}
	t.rows = make([][]any, v.Len())
	// One backing array for all cells: a slice per row would be as many
	// allocations as rows.
	all := make([]any, v.Len()*len(t.cols))
	var box cellBoxer
	for r := 0; r < v.Len(); r++ {
		row := v.Index(r)
		cells := all[r*len(t.cols) : (r+1)*len(t.cols) : (r+1)*len(t.cols)]
		for i := range t.cols {
			// A pointer to the field: boxing it allocates nothing, where
			// Interface() on the value copies every field to the heap.
			cells[i] = box.cell(row.Field(idx[i]).Addr().Interface())
		}
		t.rows[r] = cells
	}
	return t, nil
}

// cellBoxer turns row fields into cells. A table has few distinct dates
// (evaluation and report days) in many rows: each date's text is made and
// boxed once, not once per row.
type cellBoxer struct {
	dates map[int]any // by y*10000 + m*100 + d
}

// cell is cellOf for a pointer to a row field.
func (b *cellBoxer) cell(p any) any {
	switch v := p.(type) {
	case *string:
		return cellOf(*v)
	case *int:
		return *v
	case *float64:
		return *v
	case *bool:
		return *v
	case *dataset.Date:
		return b.date(*v)
	case *dataset.Opt[int]:
		return cellOf(*v)
	case *dataset.Opt[float64]:
		return cellOf(*v)
	case *dataset.Opt[bool]:
		return cellOf(*v)
	}
	panic(fmt.Sprintf("opendata: unsupported cell type %T", p))
}

// date is cellOf for a date.
func (b *cellBoxer) date(d dataset.Date) any {
	if d.IsZero() {
		return nil
	}
	y, m, day := d.Date()
	k := y*10000 + int(m)*100 + day
	if c, ok := b.dates[k]; ok {
		return c
	}
	if b.dates == nil {
		b.dates = map[int]any{}
	}
	c := any(d.String())
	b.dates[k] = c
	return c
}

// cellOf turns a row field into a cell value.
func cellOf(x any) any {
	switch v := x.(type) {
	case string:
		if v == "" {
			return nil
		}
		return v
	case int:
		return v
	case float64:
		return v
	case bool:
		return v
	case dataset.Date:
		if v.IsZero() {
			return nil
		}
		return v.String()
	case dataset.Opt[int]:
		return optCell(v)
	case dataset.Opt[float64]:
		return optCell(v)
	case dataset.Opt[bool]:
		return optCell(v)
	}
	panic(fmt.Sprintf("opendata: unsupported cell type %T", x))
}

// optCell is an optional value's cell: its value, or nil when absent.
func optCell[T int | float64 | bool](o dataset.Opt[T]) any {
	if !o.Valid {
		return nil
	}
	return o.V
}

// source is a dataset's schema and rows (a slice of its row type), from
// which its table is made when it is written.
type source struct {
	schema *dataset.Schema
	rows   any
}

func (s source) len() int { return reflect.ValueOf(s.rows).Len() }

func (s source) table() (*table, error) { return publicTable(s.schema, s.rows) }

// setSources returns the source of every dataset, in dataset.Schemas order.
func setSources(set *dataset.Set) ([]source, error) {
	rows := map[string]any{
		dataset.Regions:     set.Regions,
		dataset.Enterprises: set.Enterprises,
		dataset.Communities: set.Communities,
		dataset.Evaluations: set.Evaluations,
		dataset.Progress:    set.Progress,
	}
	var out []source
	for _, s := range dataset.Schemas {
		r, ok := rows[s.Name]
		if !ok {
			return nil, fmt.Errorf("opendata: dataset %s has no rows in dataset.Set", s.Name)
		}
		if reflect.ValueOf(r).Kind() != reflect.Slice {
			return nil, fmt.Errorf("%s: rows are not a slice", s.Name)
		}
		out = append(out, source{schema: s, rows: r})
	}
	return out, nil
}

// releaseFields are the columns of a release download: the evaluation joined
// with the names a reader needs, and the computed total, grade and ranks.
var releaseFields = func() []dataset.Field {
	ev := dataset.SchemaByName(dataset.Evaluations)
	com := dataset.SchemaByName(dataset.Communities)
	ent := dataset.SchemaByName(dataset.Enterprises)
	pick := func(s *dataset.Schema, key string) dataset.Field {
		f, ok := s.Field(key)
		if !ok {
			panic("opendata: no field " + key)
		}
		return f
	}
	rename := func(f dataset.Field, key, label, desc string) dataset.Field {
		f.Key, f.Label, f.Desc = key, label, desc
		f.Unique, f.UniqueWithin = false, ""
		return f
	}
	rank := func(key, label, desc string) dataset.Field {
		return dataset.Field{Key: key, Label: label, Type: dataset.TypeInteger, Required: true,
			Rules: "按总分从高到低，同分同名次（1、2、2、4）", Desc: desc}
	}
	codeField := func(key, label, desc string) dataset.Field {
		return dataset.Field{Key: key, Label: label, Type: dataset.TypeCode, Pattern: `^14[0-9]{4}$`, Rules: "6 位数字", Desc: desc}
	}
	text := func(key, label, desc string) dataset.Field {
		return dataset.Field{Key: key, Label: label, Type: dataset.TypeText, Desc: desc, Rules: "—"}
	}
	total := pick(ev, "total")
	total.Required, total.Rules, total.Desc = true, "三项得分之和，保留两位小数", "由本平台按三项得分计算的总分。"
	grade := pick(ev, "grade")
	grade.Required, grade.Rules = true, "按站点配置的分数线计算"
	return []dataset.Field{
		pick(ev, "period"),
		rank("rank_province", "全省排名", "本期全省所有项目中的名次。"),
		pick(ev, "community_id"),
		rename(pick(com, "name"), "community_name", "小区名称", "住宅小区名称。"),
		codeField("city_code", "市级区划代码", "小区所在设区市的区划代码。"),
		text("city_name", "所在市", "小区所在的设区市。"),
		codeField("county_code", "区县代码", "小区所在区县的区划代码。"),
		text("county_name", "所在区县", "小区所在的区县。"),
		pick(com, "street"),
		pick(ev, "enterprise_id"),
		rename(pick(ent, "name"), "enterprise_name", "物业服务企业", "评价时为该小区服务的物业服务企业名称。"),
		pick(ent, "credit_code"),
		pick(ev, "basic_service"),
		pick(ev, "facilities"),
		pick(ev, "satisfaction"),
		total,
		grade,
		rank("rank_city", "全市排名", "本期同一设区市内的名次。"),
		rank("rank_county", "区县排名", "本期同一区县内的名次。"),
		pick(ev, "evaluator"),
		pick(ev, "evaluated_on"),
	}
}()

// releaseTable is a release's results evs (the province's in province
// rank order, a city's or county's in its rank order).
func releaseTable(p *model.Period, evs []*model.Evaluation) *table {
	t := &table{name: "evaluations-" + p.ID, title: p.Title, cols: releaseFields}
	str := func(s string) any {
		if s == "" {
			return nil
		}
		return s
	}
	var box cellBoxer
	// One backing array for all cells, as in publicTable.
	n := len(releaseFields)
	all := make([]any, 0, len(evs)*n)
	t.rows = make([][]any, 0, len(evs))
	for _, ev := range evs {
		c := ev.Community
		var cityCode, cityName, countyCode, countyName any
		if c.City != nil {
			cityCode, cityName = c.City.Code, c.City.Name
		}
		if c.County != nil {
			countyCode, countyName = c.County.Code, str(c.County.Name)
		}
		var entName, credit any
		if ev.Enterprise != nil {
			entName, credit = str(ev.Enterprise.Name), str(ev.Enterprise.CreditCode)
		}
		all = append(all,
			p.ID, ev.RankProvince, ev.CommunityID, str(c.Name), cityCode, cityName, countyCode, countyName,
			str(c.Street), ev.EnterpriseID, entName, credit,
			ev.BasicService, ev.Facilities, ev.Satisfaction, ev.Score, str(ev.GradeName),
			ev.RankCity, ev.RankCounty, str(ev.Evaluator), box.date(ev.EvaluatedOn),
		)
		t.rows = append(t.rows, all[len(all)-n:len(all):len(all)])
	}
	return t
}

// names are the names of the rows other datasets refer to, by dataset and
// key, for the people's files.
type names map[string]map[string]string

// setNames collects the names of regions, enterprises and communities.
func setNames(set *dataset.Set) names {
	n := names{dataset.Regions: {}, dataset.Enterprises: {}, dataset.Communities: {}}
	for _, r := range set.Regions {
		n[dataset.Regions][r.Code] = r.Name
	}
	for _, e := range set.Enterprises {
		n[dataset.Enterprises][e.ID] = e.Name
	}
	for _, c := range set.Communities {
		n[dataset.Communities][c.ID] = c.Name
	}
	return n
}

// withNames is the table people read: after each column that refers to a
// region, enterprise or community by code, a column with its name
// (所在区县代码 → 所在区县名称), so that no one needs a lookup to read a
// row. The machine CSV and JSON keep the documented columns only.
// nameField is the column the people's files show after a code column f.
func nameField(f dataset.Field) dataset.Field {
	label := strings.TrimSuffix(strings.TrimSuffix(f.Label, "代码"), "编号") + "名称"
	return dataset.Field{Key: f.Key + "_name", Label: label, Type: dataset.TypeText,
		Desc: "“" + f.Label + "”对应的名称（仅在给人阅读的文件中）。"}
}

// peopleFields are the columns of a dataset's people's files (the Excel
// CSV and the XLSX): its public fields, each code column that refers to a
// named dataset followed by its name column, as withNames writes them.
func peopleFields(s *dataset.Schema, n names) []dataset.Field {
	var out []dataset.Field
	for _, f := range s.PublicFields() {
		out = append(out, f)
		for _, fk := range s.ForeignKeys {
			if f.Key == fk.Field && n[fk.Dataset] != nil {
				out = append(out, nameField(f))
			}
		}
	}
	return out
}

func (t *table) withNames(s *dataset.Schema, n names) *table {
	type ref struct {
		col   int
		names map[string]string
	}
	var refs []ref
	for _, fk := range s.ForeignKeys {
		for i, f := range t.cols {
			if f.Key == fk.Field && n[fk.Dataset] != nil {
				refs = append(refs, ref{i, n[fk.Dataset]})
			}
		}
	}
	if len(refs) == 0 {
		return t
	}
	slices.SortFunc(refs, func(a, b ref) int { return a.col - b.col })
	out := &table{name: t.name, title: t.title}
	names := make([]map[string]string, 0, len(t.cols)+len(refs))
	for i, f := range t.cols {
		out.cols = append(out.cols, f)
		names = append(names, nil)
		for _, r := range refs {
			if r.col == i {
				out.cols = append(out.cols, nameField(f))
				names = append(names, r.names)
			}
		}
	}
	n2 := len(out.cols)
	all := make([]any, len(t.rows)*n2)
	out.rows = make([][]any, len(t.rows))
	for r, row := range t.rows {
		cells := all[r*n2 : (r+1)*n2 : (r+1)*n2]
		j := 0
		for i, c := range row {
			cells[j] = c
			j++
			for _, rf := range refs {
				if rf.col == i {
					if code, ok := c.(string); ok && rf.names[code] != "" {
						cells[j] = rf.names[code]
					}
					j++
				}
			}
		}
		out.rows[r] = cells
	}
	return out
}
