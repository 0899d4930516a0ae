package model

import (
	"sort"
	"time"

	"github.com/sxwuye/portal/generator/dataset"
)

func (m *Model) assembleProgress(rows []dataset.ProgressReport) {
	pr := &Progress{}
	byCity := map[string]*CitySeries{}
	byDate := map[time.Time]*Report{}
	for _, row := range rows {
		city := m.RegionByCode[row.RegionCode]
		if city == nil {
			continue
		}
		d := row.ReportDate.Time
		r := &Report{ProgressReport: row, Date: d, Region: city}
		cs := byCity[city.Code]
		if cs == nil {
			cs = &CitySeries{City: city}
			byCity[city.Code] = cs
			pr.Cities = append(pr.Cities, cs)
		}
		cs.Reports = append(cs.Reports, r)

		sum := byDate[d]
		if sum == nil {
			sum = &Report{Date: d, Region: m.Province}
			sum.ReportDate = row.ReportDate
			if m.Province != nil {
				sum.RegionCode = m.Province.Code
			}
			byDate[d] = sum
			pr.Province = append(pr.Province, sum)
			pr.Dates = append(pr.Dates, d)
		}
		sum.Cities++
		sum.CommunitiesTotal += row.CommunitiesTotal
		sum.ModeEnterprise += row.ModeEnterprise
		sum.ModeCommunity += row.ModeCommunity
		sum.ModeOwner += row.ModeOwner
		sum.ModeUnit += row.ModeUnit
		sum.ModeNone += row.ModeNone
		sum.EligibleForCommittee += row.EligibleForCommittee
		sum.CommitteesFormed += row.CommitteesFormed
		sum.EnterprisesTotal += row.EnterprisesTotal
		sum.EnterprisesPartyCovered += row.EnterprisesPartyCovered
		if row.ServiceRoomMissing.Valid {
			sum.ServiceRoomMissing.V += row.ServiceRoomMissing.V
			sum.ServiceRoomMissing.Valid = true
		}
	}
	sort.Slice(pr.Cities, func(i, j int) bool { return pr.Cities[i].City.Code < pr.Cities[j].City.Code })
	for _, cs := range pr.Cities {
		sort.Slice(cs.Reports, func(i, j int) bool { return cs.Reports[i].Date.Before(cs.Reports[j].Date) })
	}
	sort.Slice(pr.Province, func(i, j int) bool { return pr.Province[i].Date.Before(pr.Province[j].Date) })
	sort.Slice(pr.Dates, func(i, j int) bool { return pr.Dates[i].Before(pr.Dates[j]) })
	m.Progress = pr
}

// Series returns the city's series, or nil.
func (p *Progress) Series(cityCode string) *CitySeries {
	i := sort.Search(len(p.Cities), func(i int) bool { return p.Cities[i].City.Code >= cityCode })
	if i < len(p.Cities) && p.Cities[i].City.Code == cityCode {
		return p.Cities[i]
	}
	return nil
}

// Latest returns the newest province sum, or nil when there are no reports.
func (p *Progress) Latest() *Report {
	if len(p.Province) == 0 {
		return nil
	}
	return p.Province[len(p.Province)-1]
}
