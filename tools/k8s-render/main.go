// Command k8s-render builds kustomize overlays offline (the kustomize API as a library, no kubectl)
// and prints each overlay's objects as YAML, so CI can validate what a cluster would receive.
//
//	k8s-render <overlay-dir>...   # documents of all overlays, each prefixed by "# overlay: <dir>"
package main

import (
	"fmt"
	"os"

	"sigs.k8s.io/kustomize/api/krusty"
	"sigs.k8s.io/kustomize/kyaml/filesys"
)

func main() {
	if len(os.Args) < 2 {
		fmt.Fprintln(os.Stderr, "usage: k8s-render <overlay-dir>...")
		os.Exit(2)
	}
	kustomizer := krusty.MakeKustomizer(krusty.MakeDefaultOptions())
	for _, dir := range os.Args[1:] {
		resources, err := kustomizer.Run(filesys.MakeFsOnDisk(), dir)
		if err != nil {
			fmt.Fprintf(os.Stderr, "%s: %v\n", dir, err)
			os.Exit(1)
		}
		out, err := resources.AsYaml()
		if err != nil {
			fmt.Fprintf(os.Stderr, "%s: %v\n", dir, err)
			os.Exit(1)
		}
		fmt.Printf("# overlay: %s\n---\n%s---\n", dir, out)
	}
}
