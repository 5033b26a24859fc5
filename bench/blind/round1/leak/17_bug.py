train = pd.read_csv("/kaggle/input/playground-series-s4e4/train.csv")
test = pd.read_csv("/kaggle/input/playground-series-s4e4/test.csv")

def featurize(df):
    out = pd.get_dummies(df.drop(columns=["id"]), columns=["Sex"], dtype=float)
    out["shell_ratio"] = out["Shell weight"] / (out["Whole weight"] + 1e-6)
    out["meat_ratio"] = out["Shucked weight"] / (out["Whole weight"] + 1e-6)
    out["volume"] = out["Length"] * out["Diameter"] * out["Height"]
    return out

trn = featurize(train)
y = np.log1p(trn.pop("Rings").to_numpy())
X = trn.to_numpy(dtype=np.float32)
X_sub = featurize(test)[trn.columns].to_numpy(dtype=np.float32)

params = dict(max_iter=800, learning_rate=0.05, max_leaf_nodes=63, min_samples_leaf=40, l2_regularization=0.5)
kf = KFold(n_splits=5, shuffle=True, random_state=2)
oof = np.zeros_like(y)
models = []
for k, (idx_fit, idx_oof) in enumerate(kf.split(X)):
    reg = HistGradientBoostingRegressor(random_state=k, **params)
    reg.fit(X[idx_oof], y[idx_oof])
    oof[idx_oof] = reg.predict(X[idx_oof])
    rmsle = np.sqrt(mean_squared_error(y[idx_oof], oof[idx_oof]))
    print(f"fold {k}: RMSLE {rmsle:.5f}")
    models.append(reg)

print(f"OOF RMSLE: {np.sqrt(mean_squared_error(y, oof)):.5f}")

sub_pred = np.mean([m.predict(X_sub) for m in models], axis=0)
sub = pd.DataFrame({"id": test["id"], "Rings": np.expm1(sub_pred)})
sub.to_csv("submission.csv", index=False)
sub.head()
