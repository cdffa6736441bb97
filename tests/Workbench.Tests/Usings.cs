global using Workbench.Experiments;
