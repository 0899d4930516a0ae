package build

import (
	"testing"
	"testing/fstest"
	"time"
)

func TestDataVersionPrecedence(t *testing.T) {
	pinned := time.Date(2023, 10, 24, 0, 0, 0, 0, time.UTC)
	fsys := fstest.MapFS{"data/x.csv": {ModTime: time.Date(2024, 1, 2, 3, 4, 5, 0, time.UTC)}}
	noEnv := func(string) (string, bool) { return "", false }
	epoch := func(k string) (string, bool) { return "1671321600", k == "SOURCE_DATE_EPOCH" }

	if got := dataVersion("", fsys, noEnv, pinned).Date; !got.Equal(pinned) {
		t.Errorf("version_date set: got %s, want %s", got, pinned)
	}
	if got := dataVersion("", fsys, epoch, pinned).Date; !got.Equal(time.Unix(1671321600, 0).UTC()) {
		t.Errorf("SOURCE_DATE_EPOCH must win over version_date: got %s", got)
	}
	if got := dataVersion("", fsys, noEnv, time.Time{}).Date; !got.Equal(time.Date(2024, 1, 2, 3, 4, 5, 0, time.UTC)) {
		t.Errorf("neither set: got %s, want the newest input time", got)
	}
}
