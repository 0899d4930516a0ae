package config

import (
	"os"
	"testing"
)

func TestLoadShippedConfig(t *testing.T) {
	c, err := Load(os.DirFS("../.."), nil)
	if err != nil {
		t.Fatal(err)
	}
	if c.Evaluation.Maxima.Total() != 100 || len(c.Evaluation.Periods) != 2 || c.Baseline.Total != 23494 {
		t.Fatalf("unexpected %+v", c.Evaluation)
	}
	if c.Evaluation.Periods[0].Published.Format("2006-01-02") != "2022-10-25" {
		t.Fatal(c.Evaluation.Periods[0].Published)
	}
}
