feats = np.load("expr/tcga_brca_expression.npy")
lbl = np.load("expr/tcga_brca_subtype.npy")
genes = np.loadtxt("expr/gene_names.txt", dtype=str)
subtypes = ["LumA", "LumB", "Her2", "Basal", "Normal"]
print(feats.shape, np.unique(lbl, return_counts=True))

feats = np.log2(feats + 1.0)

skf = StratifiedKFold(n_splits=5, shuffle=True, random_state=11)
fold_acc, fold_f1 = [], []
cm_total = np.zeros((len(subtypes), len(subtypes)), dtype=int)
for fold, (a, b) in enumerate(skf.split(feats, lbl)):
    selector = SelectKBest(score_func=f_classif, k=200)
    sel_a = selector.fit_transform(feats[a], lbl[a])
    sel_b = selector.transform(feats[b])
    sc = StandardScaler().fit(sel_a)
    svc = SVC(kernel="rbf", C=10.0, gamma="scale", class_weight="balanced")
    svc.fit(sc.transform(sel_a), lbl[a])
    guess = svc.predict(sc.transform(sel_b))
    fold_acc.append(accuracy_score(lbl[b], guess))
    fold_f1.append(f1_score(lbl[b], guess, average="macro"))
    cm_total += confusion_matrix(lbl[b], guess, labels=range(len(subtypes)))
    print(f"fold {fold}: acc={fold_acc[-1]:.3f}  macroF1={fold_f1[-1]:.3f}")
    print("  top genes:", genes[selector.get_support()][:20])

print(f"CV accuracy {np.mean(fold_acc):.3f} +/- {np.std(fold_acc):.3f}")
print(f"CV macro-F1 {np.mean(fold_f1):.3f} +/- {np.std(fold_f1):.3f}")
print(pd.DataFrame(cm_total, index=subtypes, columns=subtypes))
