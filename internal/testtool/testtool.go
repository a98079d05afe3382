// Package testtool finds the external validators tests run (EPUBCheck, poppler,
// qpdf): missing ones skip a test on a laptop and fail it in CI (CI=true).
package testtool

import (
	"os"
	"os/exec"
	"testing"
)

// EPUBCheckJar is where Debian's epubcheck package puts the jar.
const EPUBCheckJar = "/usr/share/java/epubcheck.jar"

// Need returns the path of command name, or stops the test: a failure when
// CI=true (CI must have every validator), a skip otherwise.
func Need(t testing.TB, name string) string {
	t.Helper()
	p, err := exec.LookPath(name)
	if err != nil {
		missing(t, name+" (install: "+debianPackage(name)+")")
	}
	return p
}

// NeedEPUBCheck returns the java command and the EPUBCheck jar, or stops the test as Need does.
func NeedEPUBCheck(t testing.TB) (java, jar string) {
	t.Helper()
	java = Need(t, "java")
	if _, err := os.Stat(EPUBCheckJar); err != nil {
		missing(t, EPUBCheckJar+" (install: apt-get install epubcheck)")
	}
	return java, EPUBCheckJar
}

func missing(t testing.TB, what string) {
	t.Helper()
	if os.Getenv("CI") == "true" {
		t.Fatalf("CI=true and a validator is missing: %s", what)
	}
	t.Skipf("validator missing: %s", what)
}

func debianPackage(cmd string) string {
	switch cmd {
	case "pdfinfo", "pdffonts", "pdftotext", "pdftoppm":
		return "apt-get install poppler-utils"
	case "qpdf":
		return "apt-get install qpdf"
	case "java":
		return "apt-get install default-jre-headless"
	}
	return "apt-get install " + cmd
}
