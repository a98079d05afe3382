package main

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/folio-pub/folio/internal/testtool"
	"go.yaml.in/yaml/v3"
)

// TestWorkflows runs actionlint on every workflow of the repository, and on
// the steps of the action (action.yml), set as the steps of a workflow that
// is called with the action's inputs: actionlint reads no composite action
// on its own, so this is how its expressions and scripts are checked.
func TestWorkflows(t *testing.T) {
	root := filepath.Join("..", "..")
	testtool.Actionlint(t, root)

	data, err := os.ReadFile(filepath.Join(root, "action.yml"))
	if err != nil {
		t.Fatal(err)
	}
	var action struct {
		Inputs map[string]struct {
			Default string `yaml:"default"`
		} `yaml:"inputs"`
		Runs struct {
			Using string `yaml:"using"`
			Steps []any  `yaml:"steps"`
		} `yaml:"runs"`
	}
	if err := yaml.Unmarshal(data, &action); err != nil {
		t.Fatalf("action.yml: %v", err)
	}
	if action.Runs.Using != "composite" || len(action.Runs.Steps) == 0 {
		t.Fatalf("action.yml: runs.using %q with %d steps, want a composite action", action.Runs.Using, len(action.Runs.Steps))
	}
	inputs := map[string]any{}
	for name, in := range action.Inputs {
		inputs[name] = map[string]any{"type": "string", "required": false, "default": in.Default}
	}
	workflow := map[string]any{
		"name": "the steps of action.yml",
		"on":   map[string]any{"workflow_call": map[string]any{"inputs": inputs}},
		"jobs": map[string]any{"action": map[string]any{"runs-on": "ubuntu-latest", "steps": action.Runs.Steps}},
	}
	out, err := yaml.Marshal(workflow)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	if err := os.MkdirAll(filepath.Join(dir, ".github", "workflows"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, ".github", "workflows", "action.yml"), out, 0o644); err != nil {
		t.Fatal(err)
	}
	testtool.Actionlint(t, dir)
}
