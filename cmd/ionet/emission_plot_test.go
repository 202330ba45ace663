package main

import (
	"bytes"
	"encoding/xml"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/ionet-oss/ionet/client/emission/schedule"
)

func TestPlotPoints(t *testing.T) {
	points := plotPoints()
	require.Len(t, points, 242)
	require.Equal(t, plotPoint{Epoch: 1, Hourly: 456_621_004_566, Supply: schedule.LaunchSupply + 456_621_004_566}, points[0])
	last := points[len(points)-1]
	require.Equal(t, schedule.LastEpoch, last.Epoch)
	require.Equal(t, uint64(schedule.MaxSupply), last.Supply)
	for i := 1; i < len(points); i++ {
		require.Less(t, points[i].Hourly, points[i-1].Hourly, "emission falls every month")
		require.Greater(t, points[i].Supply, points[i-1].Supply, "supply grows every month")
	}
}

func TestWritePlotSVG(t *testing.T) {
	var buf bytes.Buffer
	require.NoError(t, writePlotSVG(&buf))
	// Well-formed XML with one polyline per panel, each with every sampled point.
	var svg struct {
		XMLName   xml.Name `xml:"svg"`
		Polylines []struct {
			Points string `xml:"points,attr"`
		} `xml:"polyline"`
	}
	require.NoError(t, xml.Unmarshal(buf.Bytes(), &svg))
	require.Len(t, svg.Polylines, 2)
	for _, p := range svg.Polylines {
		require.Len(t, strings.Fields(p.Points), len(plotPoints()))
	}
	require.Contains(t, buf.String(), "Hourly emission")
	require.Contains(t, buf.String(), "Total supply")
}
