# make screenshots: regenerate the explorer's README screenshots (docs/explorer/*.png, one per
# page) from the browser tests, on a fresh localnet with their demo-like scenario.
.PHONY: screenshots
screenshots:
	$(GO) test -count=1 -run '^TestBrowser$$' ./explorer/ -args -explorer.screenshots=$(CURDIR)/docs/explorer
