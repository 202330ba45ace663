# make demo: the main job, end to end on the embedded localnet, through the real CLI.
.PHONY: demo
demo: build
	scripts/demo.sh
