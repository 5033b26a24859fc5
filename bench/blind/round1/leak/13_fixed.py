import numpy as np
from sklearn.datasets import fetch_california_housing
from sklearn.ensemble import RandomForestRegressor
from sklearn.model_selection import train_test_split
from sklearn.metrics import mean_absolute_error, r2_score


class Trainer:
    def __init__(self, grid, seed=0):
        self.grid = grid
        self.seed = seed
        self.best_params = None
        self.best_model = None
        self.history = []

    def _make(self, params):
        return RandomForestRegressor(n_estimators=300, n_jobs=-1, random_state=self.seed, **params)

    def tune(self, X_fit, y_fit, X_eval, y_eval):
        best_mae = np.inf
        for params in self.grid:
            model = self._make(params).fit(X_fit, y_fit)
            mae = mean_absolute_error(y_eval, model.predict(X_eval))
            self.history.append((params, mae))
            print(f"{params} -> MAE {mae:.4f}")
            if mae < best_mae:
                best_mae, self.best_params, self.best_model = mae, params, model
        return self

    def report(self, X, y, name):
        pred = self.best_model.predict(X)
        print(
            f"[{name}] MAE={mean_absolute_error(y, pred):.4f} "
            f"R2={r2_score(y, pred):.4f} params={self.best_params}"
        )


if __name__ == "__main__":
    housing = fetch_california_housing()
    X, y = housing.data, housing.target
    X_dev, X_holdout, y_dev, y_holdout = train_test_split(X, y, test_size=0.2, random_state=3)
    X_fit, X_val, y_fit, y_val = train_test_split(X_dev, y_dev, test_size=0.2, random_state=3)

    grid = [
        {"max_depth": d, "min_samples_leaf": leaf, "max_features": mf}
        for d in (8, 16, None)
        for leaf in (1, 5, 20)
        for mf in (0.33, 1.0)
    ]
    trainer = Trainer(grid, seed=3)
    trainer.tune(X_fit, y_fit, X_val, y_val)
    trainer.report(X_holdout, y_holdout, "holdout")
