// Package e2e holds the browser tests: they build the shipped sample, serve
// it on 127.0.0.1 and drive Debian's headless Chromium (/usr/bin/chromium)
// with chromedp, as a resident, a journalist or an admin would use the site.
//
// Without Chromium the tests skip with a message, except when CI=true, where
// a missing browser is a failure (.ci/run installs it).
package e2e
