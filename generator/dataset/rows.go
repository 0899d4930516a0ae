// Package dataset reads and validates the CSV files of data/ against the data
// contract (schema.go), and returns typed, public-only rows.
//
// Private columns are read and validated but never stored in a row type, so
// nothing downstream can publish them.
package dataset

import (
	"encoding/json"
	"strconv"
	"time"
)

// Date is a calendar date; the zero value means absent.
type Date struct{ time.Time }

// DateLayout is the only output form of dates.
const DateLayout = "2006-01-02"

// String is "2006-01-02", or "" when absent.
func (d Date) String() string {
	if d.IsZero() {
		return ""
	}
	return d.Format(DateLayout)
}

// MarshalCSV implements gocsv.TypeMarshaller.
func (d Date) MarshalCSV() (string, error) { return d.String(), nil }

// UnmarshalCSV implements gocsv.TypeUnmarshaller; the reader has already normalised the cell.
func (d *Date) UnmarshalCSV(s string) error {
	if s == "" {
		d.Time = time.Time{}
		return nil
	}
	t, err := time.Parse(DateLayout, s)
	d.Time = t
	return err
}

// MarshalJSON writes "2006-01-02" or null.
func (d Date) MarshalJSON() ([]byte, error) {
	if d.IsZero() {
		return []byte("null"), nil
	}
	return []byte(`"` + d.String() + `"`), nil
}

// Opt is an optional cell: V means something only when Valid (an empty
// cell is not valid). The data files hold optional integers, decimals and
// booleans.
type Opt[T int | float64 | bool] struct {
	V     T
	Valid bool
}

// Some is a present value.
func Some[T int | float64 | bool](v T) Opt[T] { return Opt[T]{V: v, Valid: true} }

// MarshalCSV implements gocsv.TypeMarshaller: the value, or "" when absent.
func (o Opt[T]) MarshalCSV() (string, error) {
	if !o.Valid {
		return "", nil
	}
	switch v := any(o.V).(type) {
	case int:
		return strconv.Itoa(v), nil
	case float64:
		return FormatNumber(v), nil
	case bool:
		return strconv.FormatBool(v), nil
	}
	panic("unreachable")
}

// UnmarshalCSV implements gocsv.TypeUnmarshaller: "" is absent.
func (o *Opt[T]) UnmarshalCSV(s string) error {
	*o = Opt[T]{}
	if s == "" {
		return nil
	}
	var err error
	switch v := any(&o.V).(type) {
	case *int:
		*v, err = strconv.Atoi(s)
	case *float64:
		*v, err = strconv.ParseFloat(s, 64)
	case *bool:
		*v, err = strconv.ParseBool(s)
	}
	o.Valid = err == nil
	return err
}

// MarshalJSON writes the value, or null when absent.
func (o Opt[T]) MarshalJSON() ([]byte, error) {
	if !o.Valid {
		return []byte("null"), nil
	}
	return json.Marshal(o.V)
}

// FormatNumber prints a decimal without trailing zeros: 85, 85.5, 0.25.
func FormatNumber(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }

// Pos is where a row starts in its file (1-based line), for messages raised
// after loading, such as cross-reference warnings in the model.
type Pos struct {
	Line int `csv:"-" json:"-"`
}

func (p *Pos) setLine(line int) { p.Line = line }

// Region is a row of regions.csv.
type Region struct {
	Code       string `csv:"code" json:"code"`
	Name       string `csv:"name" json:"name"`
	Level      string `csv:"level" json:"level"`
	ParentCode string `csv:"parent_code" json:"parent_code"`
	Pos        `csv:"-" json:"-"`
}

// Enterprise is the public part of a row of enterprises.csv.
type Enterprise struct {
	ID           string `csv:"id" json:"id"`
	Name         string `csv:"name" json:"name"`
	CreditCode   string `csv:"credit_code" json:"credit_code"`
	RegionCode   string `csv:"region_code" json:"region_code"`
	PartyOrg     string `csv:"party_org" json:"party_org"`
	PartyOrgDate Date   `csv:"party_org_date" json:"party_org_date"`
	Status       string `csv:"status" json:"status"`
	ServicePhone string `csv:"service_phone" json:"service_phone"`
	Pos          `csv:"-" json:"-"`
}

// Community is a row of communities.csv.
type Community struct {
	ID                    string       `csv:"id" json:"id"`
	Name                  string       `csv:"name" json:"name"`
	RegionCode            string       `csv:"region_code" json:"region_code"`
	Street                string       `csv:"street" json:"street"`
	Neighborhood          string       `csv:"neighborhood" json:"neighborhood"`
	Households            int          `csv:"households" json:"households"`
	OccupancyRate         float64      `csv:"occupancy_rate" json:"occupancy_rate"`
	ManagementMode        string       `csv:"management_mode" json:"management_mode"`
	EnterpriseID          string       `csv:"enterprise_id" json:"enterprise_id"`
	Committee             string       `csv:"committee" json:"committee"`
	CommitteeDate         Date         `csv:"committee_date" json:"committee_date"`
	CommitteeMembers      Opt[int]     `csv:"committee_members" json:"committee_members"`
	CommitteePartyMembers Opt[int]     `csv:"committee_party_members" json:"committee_party_members"`
	ChairIsPartyMember    Opt[bool]    `csv:"chair_is_party_member" json:"chair_is_party_member"`
	FloorArea             Opt[float64] `csv:"floor_area" json:"floor_area"`
	ServiceRoomArea       Opt[float64] `csv:"service_room_area" json:"service_room_area"`
	BuiltYear             Opt[int]     `csv:"built_year" json:"built_year"`
	SmartPlatform         Opt[bool]    `csv:"smart_platform" json:"smart_platform"`
	Pos                   `csv:"-" json:"-"`
}

// Evaluation is a row of evaluations.csv. Total and Grade are as given in the
// file (optional); the model computes the authoritative ones.
type Evaluation struct {
	Period       string       `csv:"period" json:"period"`
	CommunityID  string       `csv:"community_id" json:"community_id"`
	EnterpriseID string       `csv:"enterprise_id" json:"enterprise_id"`
	BasicService float64      `csv:"basic_service" json:"basic_service"`
	Facilities   float64      `csv:"facilities" json:"facilities"`
	Satisfaction float64      `csv:"satisfaction" json:"satisfaction"`
	Total        Opt[float64] `csv:"total" json:"total"`
	Grade        string       `csv:"grade" json:"grade"`
	Evaluator    string       `csv:"evaluator" json:"evaluator"`
	EvaluatedOn  Date         `csv:"evaluated_on" json:"evaluated_on"`
	Pos          `csv:"-" json:"-"`
}

// ProgressReport is a row of progress.csv.
type ProgressReport struct {
	ReportDate              Date     `csv:"report_date" json:"report_date"`
	RegionCode              string   `csv:"region_code" json:"region_code"`
	CommunitiesTotal        int      `csv:"communities_total" json:"communities_total"`
	ModeEnterprise          int      `csv:"mode_enterprise" json:"mode_enterprise"`
	ModeCommunity           int      `csv:"mode_community" json:"mode_community"`
	ModeOwner               int      `csv:"mode_owner" json:"mode_owner"`
	ModeUnit                int      `csv:"mode_unit" json:"mode_unit"`
	ModeNone                int      `csv:"mode_none" json:"mode_none"`
	EligibleForCommittee    int      `csv:"eligible_for_committee" json:"eligible_for_committee"`
	CommitteesFormed        int      `csv:"committees_formed" json:"committees_formed"`
	EnterprisesTotal        int      `csv:"enterprises_total" json:"enterprises_total"`
	EnterprisesPartyCovered int      `csv:"enterprises_party_covered" json:"enterprises_party_covered"`
	ServiceRoomMissing      Opt[int] `csv:"service_room_missing" json:"service_room_missing"`
	Pos                     `csv:"-" json:"-"`
}

// Set is every dataset of a site, validated, public fields only, in file order.
type Set struct {
	Regions     []Region
	Enterprises []Enterprise
	Communities []Community
	Evaluations []Evaluation
	Progress    []ProgressReport
	// Rows counts the data rows read per dataset name.
	Rows map[string]int
}
