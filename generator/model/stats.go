package model

// computeStats fills every region's ledger figures bottom-up: a county counts
// its own communities, and each figure is added to every ancestor, so the
// whole tree costs one pass over communities and companies.
func (m *Model) computeStats() {
	ancestors := func(r *Region, f func(*Region)) {
		for ; r != nil; r = r.Parent {
			f(r)
		}
	}
	for _, c := range m.Communities {
		ancestors(c.County, func(r *Region) {
			s := &r.Stats
			s.Communities++
			s.Households += c.Households
			if i := ModeIndex(c.ManagementMode); i >= 0 {
				s.Modes[i]++
			}
			if c.Eligible {
				s.Eligible++
				if c.Formed {
					s.EligibleFormed++
				}
			}
			switch c.Committee {
			case "业委会":
				s.OwnersCommittees++
			case "物管会":
				s.ManagementCommittees++
			}
			switch c.ServiceRoom {
			case ServiceRoomOK:
				s.ServiceRoomOK++
			case ServiceRoomShort:
				s.ServiceRoomShort++
			default:
				s.ServiceRoomUnknown++
			}
			if c.SmartPlatform.Valid && c.SmartPlatform.V {
				s.SmartPlatform++
			}
		})
	}
	for _, e := range m.Enterprises {
		if e.Withdrawn {
			continue
		}
		ancestors(e.Region, func(r *Region) {
			r.Stats.Enterprises++
			if e.Covered {
				r.Stats.EnterprisesCovered++
			}
		})
	}
	if len(m.Periods) == 0 {
		return
	}
	latest := m.Periods[0]
	byRegion := map[*Region][]*Evaluation{}
	for _, ev := range latest.Evaluations {
		ancestors(ev.Community.County, func(r *Region) { byRegion[r] = append(byRegion[r], ev) })
	}
	for _, r := range m.Regions {
		if evs := byRegion[r]; len(evs) > 0 {
			s := m.summarise(latest, evs)
			r.Stats.Latest = &s
		}
	}
}

// Cities returns the province's cities by code.
func (m *Model) Cities() []*Region {
	if m.Province == nil {
		return nil
	}
	return m.Province.Children
}
